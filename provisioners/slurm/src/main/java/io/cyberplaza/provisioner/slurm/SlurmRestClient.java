package io.cyberplaza.provisioner.slurm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * slurmrestd: submit, read, find and cancel batch jobs, and read their accounting, in the OpenAPI
 * release the centre runs ({@link SlurmDialect}). Every request carries the user's name and a JWT
 * minted for it.
 */
public final class SlurmRestClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final SlurmTokens tokens;
    private final HttpClient http;
    private final Duration timeout;
    private final SlurmDialect dialect;

    public SlurmRestClient(URI base, SlurmTokens tokens, Duration timeout) {
        this(base, tokens, timeout, SlurmDialect.of("v0.0.38"));
    }

    public SlurmRestClient(URI base, SlurmTokens tokens, Duration timeout, SlurmDialect dialect) {
        this.dialect = dialect;
        this.base = base;
        this.tokens = tokens;
        // HTTP/1.1 only: slurmrestd closes a connection that offers an upgrade to HTTP/2.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        this.timeout = timeout;
    }

    @Override
    public void close() {
        http.close();
    }

    /** Submits the batch job; its id. */
    public long submit(SlurmJobRequest request) {
        JsonNode answer = send("POST", dialect.ctld() + "/job/submit", dialect.submitBody(request));
        long jobId = answer.path("job_id").asLong(0);
        if (jobId <= 0) throw new SlurmException(200, "slurmrestd accepted the job but named no id: " + answer, null);
        return jobId;
    }

    /** The job, or every task of the array {@code jobId} names, as slurmctld knows them; empty once unknown. */
    public List<SlurmJob> jobs(long jobId) {
        try {
            return dialect.jobs(send("GET", dialect.ctld() + "/job/" + jobId, null));
        } catch (SlurmException e) {
            if (e.getMessage() != null && (e.getMessage().contains("Unable to find") || e.getMessage().contains("Invalid job id"))) {
                return List.of();
            }
            throw e;
        }
    }

    /** A plain job as slurmctld knows it; empty once it is unknown (never submitted, or purged after MinJobAge). */
    public Optional<SlurmJob> job(long jobId) {
        return jobs(jobId).stream().filter(j -> j.jobId() == jobId).findFirst();
    }

    /** The newest job whose comment is {@code comment}: how a second delivery finds the job the first one submitted. */
    public Optional<SlurmJob> findByComment(String comment) {
        return withCommentStartingWith(comment).stream().filter(j -> comment.equals(j.comment())).max(Comparator.comparingLong(SlurmJob::jobId));
    }

    /**
     * The ids accounting holds for jobs named {@code name}, newest last: how a job is found once the
     * controller has forgotten it (after MinJobAge, five minutes by default), so a late redelivery
     * never submits it again.
     */
    public List<Long> idsNamed(String name) {
        String query = "?job_name=" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8);
        try {
            return dialect.usages(send("GET", dialect.dbd() + "/jobs" + query, null)).stream().map(SlurmUsage::jobId).sorted().toList();
        } catch (SlurmException e) {
            if (e.status() == 404 || e.getMessage() != null && e.getMessage().contains("Nothing found")) return List.of();
            throw e;
        }
    }

    /** Every job (and array task) whose comment starts with {@code prefix}. */
    public List<SlurmJob> withCommentStartingWith(String prefix) {
        return dialect.jobs(send("GET", dialect.jobsPath(), null)).stream()
                .filter(j -> j.comment() != null && j.comment().startsWith(prefix)).toList();
    }

    /** Cancels the job (every task of an array; SIGKILL to its steps); a job already over is no error. */
    public void cancel(long jobId) {
        send("DELETE", dialect.ctld() + "/job/" + jobId, null);
    }

    /** The accounting of the job, or of every task of the array it names; empty until slurmdbd has it. */
    public List<SlurmUsage> usages(long jobId) {
        try {
            return dialect.usages(send("GET", dialect.dbd() + "/job/" + jobId, null));
        } catch (SlurmException e) {
            if (e.status() == 404 || e.getMessage() != null && e.getMessage().contains("Nothing found")) return List.of();
            throw e;
        }
    }

    /** A plain job's accounting record. */
    public Optional<SlurmUsage> usage(long jobId) {
        return usages(jobId).stream().filter(u -> u.jobId() == jobId).findFirst();
    }

    private JsonNode send(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("X-SLURM-USER-NAME", tokens.user())
                .header("X-SLURM-USER-TOKEN", tokens.token())
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SlurmException(0, "slurmrestd at " + base + " did not answer " + method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlurmException(0, "interrupted while calling slurmrestd", e);
        }
        JsonNode answer;
        try {
            answer = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException notJson) {
            throw new SlurmException(response.statusCode(), method + " " + path + " answered " + response.statusCode() + " without JSON", notJson);
        }
        String errors = String.join("; ", dialect.errors(answer));
        if (response.statusCode() >= 300 || !errors.isEmpty()) {
            throw new SlurmException(response.statusCode(), method + " " + path + " answered " + response.statusCode()
                    + (errors.isEmpty() ? "" : ": " + errors), null);
        }
        return answer;
    }
}
