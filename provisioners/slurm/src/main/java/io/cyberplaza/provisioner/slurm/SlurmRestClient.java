package io.cyberplaza.provisioner.slurm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * slurmrestd's OpenAPI v0.0.38 (Slurm 22.05): submit, read, find and cancel batch jobs, and read a
 * job's accounting. Every request carries the user's name and a JWT minted for it.
 */
public final class SlurmRestClient implements AutoCloseable {
    private static final String CTLD = "/slurm/v0.0.38";
    private static final String DBD = "/slurmdb/v0.0.38";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final SlurmTokens tokens;
    private final HttpClient http;
    private final Duration timeout;

    public SlurmRestClient(URI base, SlurmTokens tokens, Duration timeout) {
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
        ObjectNode body = JSON.createObjectNode();
        body.put("script", request.script());
        ObjectNode job = body.putObject("job");
        job.put("name", request.name());
        job.put("comment", request.comment());
        if (request.partition() != null) job.put("partition", request.partition());
        job.put("tasks", 1);
        job.put("cpus_per_task", request.cpusPerTask());
        job.put("memory_per_node", request.memoryMb());
        job.put("time_limit", request.timeLimitMinutes());
        if (request.workingDirectory() != null) {
            job.put("current_working_directory", request.workingDirectory());
            job.put("standard_output", request.workingDirectory() + "/slurm-%j.out");
            job.put("standard_error", request.workingDirectory() + "/slurm-%j.err");
        }
        ObjectNode environment = job.putObject("environment");
        request.environment().forEach(environment::put);
        if (request.array() != null) job.put("array", request.array());
        if (request.dependency() != null) job.put("dependency", request.dependency());
        JsonNode answer = send("POST", CTLD + "/job/submit", body);
        long jobId = answer.path("job_id").asLong(0);
        if (jobId <= 0) throw new SlurmException(200, "slurmrestd accepted the job but named no id: " + answer, null);
        return jobId;
    }

    /** The job as slurmctld knows it; empty once it is unknown (never submitted, or purged after MinJobAge). */
    public Optional<SlurmJob> job(long jobId) {
        try {
            return jobsOf(send("GET", CTLD + "/job/" + jobId, null)).stream().filter(j -> j.jobId() == jobId).findFirst();
        } catch (SlurmException e) {
            if (e.getMessage() != null && e.getMessage().contains("Unable to find")) return Optional.empty();
            throw e;
        }
    }

    /** The newest job whose comment is {@code comment}: how a second delivery finds the job the first one submitted. */
    public Optional<SlurmJob> findByComment(String comment) {
        return jobsOf(send("GET", CTLD + "/jobs", null)).stream().filter(j -> comment.equals(j.comment()))
                .max(Comparator.comparingLong(SlurmJob::jobId));
    }

    /** Cancels the job (SIGKILL to its steps); a job already over is no error. */
    public void cancel(long jobId) {
        send("DELETE", CTLD + "/job/" + jobId, null);
    }

    /** The job's accounting record; empty until slurmdbd has it (a few seconds after the job's events). */
    public Optional<SlurmUsage> usage(long jobId) {
        JsonNode answer;
        try {
            answer = send("GET", DBD + "/job/" + jobId, null);
        } catch (SlurmException e) {
            if (e.status() == 404 || e.getMessage() != null && e.getMessage().contains("Nothing found")) return Optional.empty();
            throw e;
        }
        for (JsonNode job : answer.path("jobs")) {
            if (job.path("job_id").asLong() != jobId) continue;
            long cpus = 0, gpus = 0;
            for (JsonNode tres : job.path("tres").path("allocated")) {
                if ("cpu".equals(tres.path("type").asText())) cpus = tres.path("count").asLong();
                if ("gres".equals(tres.path("type").asText()) && "gpu".equals(tres.path("name").asText())) gpus = tres.path("count").asLong();
            }
            long cpuSeconds = 0;
            for (JsonNode step : job.path("steps")) {
                JsonNode time = step.path("time");
                cpuSeconds += time.path("user").path("seconds").asLong() + time.path("system").path("seconds").asLong();
            }
            return Optional.of(new SlurmUsage(jobId, job.path("state").path("current").asText(), job.path("time").path("elapsed").asLong(),
                    cpus, gpus, cpuSeconds));
        }
        return Optional.empty();
    }

    private static List<SlurmJob> jobsOf(JsonNode answer) {
        List<SlurmJob> jobs = new ArrayList<>();
        for (JsonNode job : answer.path("jobs")) {
            SlurmJob parsed = new SlurmJob(job.path("job_id").asLong(), job.path("name").asText(null), job.path("comment").asText(null),
                    job.path("job_state").asText("UNKNOWN"), null, 0, epoch(job.path("start_time")), epoch(job.path("end_time")),
                    job.path("time_limit").asLong(0));
            if (parsed.isFinished()) {
                // 0.0.38 reports the raw wait status: the exit code in the high byte, a signal in the low bits.
                int raw = job.path("exit_code").asInt(0);
                parsed = new SlurmJob(parsed.jobId(), parsed.name(), parsed.comment(), parsed.state(), (raw >> 8) & 0xff, raw & 0x7f,
                        parsed.startedAt(), parsed.endedAt(), parsed.timeLimitMinutes());
            }
            jobs.add(parsed);
        }
        return jobs;
    }

    private static Instant epoch(JsonNode seconds) {
        long value = seconds.asLong(0);
        return value > 0 ? Instant.ofEpochSecond(value) : null;
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
        String errors = errors(answer);
        if (response.statusCode() >= 300 || !errors.isEmpty()) {
            throw new SlurmException(response.statusCode(), method + " " + path + " answered " + response.statusCode()
                    + (errors.isEmpty() ? "" : ": " + errors), null);
        }
        return answer;
    }

    /** Submit errors are {error_code, error}; the others {error, error_number, description}: both read. */
    private static String errors(JsonNode answer) {
        List<String> messages = new ArrayList<>();
        for (JsonNode error : answer.path("errors")) {
            String text = error.path("error").asText("");
            String description = error.path("description").asText("");
            String joined = (text + (description.isEmpty() ? "" : " (" + description + ")")).trim();
            if (!joined.isEmpty()) messages.add(joined);
        }
        return String.join("; ", messages);
    }
}
