package io.cyberplaza.provisioner.slurm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * slurmrestd's OpenAPI v0.0.40 (Slurm 23.11) and v0.0.41 (24.05): numbers that may be unset or
 * infinite are {@code {set, infinite, number}}, states are lists (a base state and its flags), the
 * exit code is {@code {status, return_code, signal}}, the environment is a list of {@code K=V}, and a
 * job's flags ask Slurm to kill a job whose dependency can never be met. Written against SchedMD's
 * published v0.0.41 document (the shapes under {@code src/test/resources/slurmrestd/v0.0.41}).
 */
final class SlurmV0040 implements SlurmDialect {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Flags that may stand beside a base state in a state list; never the state itself. */
    private static final Set<String> FLAGS = Set.of("COMPLETING", "CONFIGURING", "REQUEUED", "RESIZING", "SIGNALING", "STAGE_OUT",
            "STOPPED", "UPDATE_DB", "LAUNCH_FAILED", "POWER_UP_NODE", "RECONFIG_FAIL", "RESV_DEL_HOLD", "REQUEUE_FED", "REQUEUE_HOLD",
            "SPECIAL_EXIT", "REVOKED");

    private final String version;

    SlurmV0040(String version) {
        this.version = version;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public String jobsPath() {
        return ctld() + "/jobs/";
    }

    @Override
    public JsonNode submitBody(SlurmJobRequest request) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode job = body.putObject("job");
        // v0.0.40 reads the script beside the job; v0.0.41 inside it (and no longer beside it).
        if (version.equals("v0.0.40")) body.put("script", request.script());
        else job.put("script", request.script());
        job.put("name", request.name());
        job.put("comment", request.comment());
        if (request.partition() != null) job.put("partition", request.partition());
        job.put("tasks", 1);
        job.put("cpus_per_task", request.cpusPerTask());
        if (request.gpusPerTask() > 0) job.put("tres_per_task", "gres/gpu:" + request.gpusPerTask());
        job.set("memory_per_node", number(request.memoryMb()));
        job.set("time_limit", number(request.timeLimitMinutes()));
        job.put("requeue", false);
        job.putArray("flags").add("KILL_INVALID_DEPENDENCY");
        if (request.workingDirectory() != null) job.put("current_working_directory", request.workingDirectory());
        if (request.output() != null) {
            job.put("standard_output", request.output());
            job.put("standard_error", request.error());
        }
        ArrayNode environment = job.putArray("environment");
        request.environment().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> environment.add(e.getKey() + "=" + e.getValue()));
        if (request.array() != null) job.put("array", request.array());
        if (request.dependency() != null) job.put("dependency", request.dependency());
        return body;
    }

    @Override
    public List<SlurmJob> jobs(JsonNode answer) {
        List<SlurmJob> jobs = new ArrayList<>();
        for (JsonNode job : answer.path("jobs")) {
            long arrayJobId = number(job.path("array_job_id"), 0);
            JsonNode taskId = job.path("array_task_id");
            SlurmJob parsed = new SlurmJob(job.path("job_id").asLong(), job.path("name").asText(null), job.path("comment").asText(null),
                    state(job.path("job_state")), null, 0, epoch(job.path("start_time")), epoch(job.path("end_time")),
                    number(job.path("time_limit"), 0), arrayJobId, isSet(taskId) ? (int) number(taskId, -1) : -1,
                    (int) number(job.path("cpus"), 0), (int) number(job.path("cpus_per_task"), 0), job.path("state_reason").asText(null), job.path("nodes").asText(""));
            if (parsed.isFinished()) {
                JsonNode exit = job.path("exit_code");
                parsed = parsed.withExit((int) number(exit.path("return_code"), 0), (int) number(exit.path("signal").path("id"), 0));
            }
            jobs.add(parsed);
        }
        return jobs;
    }

    @Override
    public List<SlurmUsage> usages(JsonNode answer) {
        List<SlurmUsage> usages = new ArrayList<>();
        for (JsonNode job : answer.path("jobs")) usages.add(SlurmUsage.of(job, state(job.path("state").path("current"))));
        return usages;
    }

    @Override
    public List<String> errors(JsonNode answer) {
        List<String> messages = new ArrayList<>();
        for (JsonNode error : answer.path("errors")) {
            String text = error.path("error").asText("");
            String description = error.path("description").asText("");
            String joined = (description.isEmpty() ? text : text.isEmpty() ? description : text + " (" + description + ")").trim();
            if (!joined.isEmpty()) messages.add(joined);
        }
        return messages;
    }

    /** The base state of a state list ({@code ["RUNNING", "COMPLETING"]}); a plain string is read too. */
    static String state(JsonNode states) {
        if (states.isTextual()) return states.asText();
        String flag = null;
        for (JsonNode state : states) {
            if (!FLAGS.contains(state.asText())) return state.asText();
            if (flag == null) flag = state.asText();
        }
        return flag == null ? "" : flag;
    }

    private static ObjectNode number(long value) {
        ObjectNode number = JSON.createObjectNode();
        number.put("set", true);
        number.put("infinite", false);
        number.put("number", value);
        return number;
    }

    private static boolean isSet(JsonNode number) {
        return number.isNumber() || number.path("set").asBoolean(false) && !number.path("infinite").asBoolean(false);
    }

    /** A {@code {set, infinite, number}} (or a plain number) as a value, {@code absent} when unset or infinite. */
    static long number(JsonNode number, long absent) {
        if (number.isNumber()) return number.asLong();
        return isSet(number) ? number.path("number").asLong(absent) : absent;
    }

    private static Instant epoch(JsonNode seconds) {
        long value = number(seconds, 0);
        return value > 0 ? Instant.ofEpochSecond(value) : null;
    }
}
