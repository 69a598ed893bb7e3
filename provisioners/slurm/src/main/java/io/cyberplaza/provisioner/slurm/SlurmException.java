package io.cyberplaza.provisioner.slurm;

/** slurmrestd refused a request or could not be reached; {@code status} 0 when there was no answer. */
public final class SlurmException extends RuntimeException {
    private final int status;

    public SlurmException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** Worth asking again: no answer, a server error, or too many requests. */
    public boolean isTransient() {
        return status == 0 || status == 429 || status >= 500 && status != 501;
    }
}
