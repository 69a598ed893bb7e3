package io.cyberplaza.provisioner.slurm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** slurmrestd's OpenAPI v0.0.38 (Slurm 22.05, what Debian 12 ships): plain integers, a raw wait status, one state string. */
final class SlurmV0038 implements SlurmDialect {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String version() {
        return "v0.0.38";
    }

    @Override
    public JsonNode submitBody(SlurmJobRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("script", request.script());
        ObjectNode job = body.putObject("job");
        job.put("name", request.name());
        job.put("comment", request.comment());
        if (request.partition() != null) job.put("partition", request.partition());
        job.put("tasks", 1);
        job.put("cpus_per_task", request.cpusPerTask());
        if (request.gpusPerTask() > 0) job.put("tres_per_task", "gres/gpu:" + request.gpusPerTask());
        job.put("memory_per_node", request.memoryMb());
        job.put("time_limit", request.timeLimitMinutes());
        // A node failure ends the order through its SLA: the job must not quietly start again. 0.0.38 turns requeue
        // on for any value it is given (false included), so it is left to the cluster's JobRequeue=0.
        job.put("kill_on_invalid_dependency", true);
        if (request.workingDirectory() != null) job.put("current_working_directory", request.workingDirectory());
        if (request.output() != null) {
            job.put("standard_output", request.output());
            job.put("standard_error", request.error());
        }
        ObjectNode environment = job.putObject("environment");
        request.environment().forEach(environment::put);
        if (request.array() != null) job.put("array", request.array());
        if (request.dependency() != null) job.put("dependency", request.dependency());
        return body;
    }

    @Override
    public List<SlurmJob> jobs(JsonNode answer) {
        List<SlurmJob> jobs = new ArrayList<>();
        for (JsonNode job : answer.path("jobs")) {
            String state = job.path("job_state").asText("UNKNOWN");
            SlurmJob parsed = new SlurmJob(job.path("job_id").asLong(), job.path("name").asText(null), job.path("comment").asText(null),
                    state, null, 0, epoch(job.path("start_time")), epoch(job.path("end_time")), job.path("time_limit").asLong(0),
                    job.path("array_job_id").asLong(0), job.path("array_task_id").isNumber() ? job.path("array_task_id").asInt() : -1,
                    job.path("cpus").asInt(0), job.path("cpus_per_task").asInt(0), job.path("state_reason").asText(null), job.path("nodes").asText(""));
            if (parsed.isFinished()) {
                // 0.0.38 reports the raw wait status: the exit code in the high byte, a signal in the low bits.
                int raw = job.path("exit_code").asInt(0);
                parsed = parsed.withExit((raw >> 8) & 0xff, raw & 0x7f);
            }
            jobs.add(parsed);
        }
        return jobs;
    }

    @Override
    public List<SlurmUsage> usages(JsonNode answer) {
        List<SlurmUsage> usages = new ArrayList<>();
        for (JsonNode job : answer.path("jobs")) usages.add(SlurmUsage.of(job, job.path("state").path("current").asText("")));
        return usages;
    }

    @Override
    public List<String> errors(JsonNode answer) {
        // Submit errors are {error_code, error}; the others {error, error_number, description}: both read.
        List<String> messages = new ArrayList<>();
        for (JsonNode error : answer.path("errors")) {
            String text = error.path("error").asText("");
            String description = error.path("description").asText("");
            String joined = (text + (description.isEmpty() ? "" : " (" + description + ")")).trim();
            if (!joined.isEmpty()) messages.add(joined);
        }
        return messages;
    }

    private static Instant epoch(JsonNode seconds) {
        long value = seconds.asLong(0);
        return value > 0 ? Instant.ofEpochSecond(value) : null;
    }
}
