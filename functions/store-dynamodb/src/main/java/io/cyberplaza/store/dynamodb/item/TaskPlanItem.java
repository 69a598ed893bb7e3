package io.cyberplaza.store.dynamodb.item;

import io.cyberplaza.provisioner.TaskPlan;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

import java.util.List;
import java.util.Map;

/** A sweep's parameter and values, or a workflow's steps, nested in quotes and orders; absent for one task. */
@DynamoDbBean
public class TaskPlanItem {
    private String sweepParameter;
    private List<String> sweepValues;
    private List<StepItem> steps;

    public String getSweepParameter() { return sweepParameter; }
    public void setSweepParameter(String sweepParameter) { this.sweepParameter = sweepParameter; }

    public List<String> getSweepValues() { return sweepValues; }
    public void setSweepValues(List<String> sweepValues) { this.sweepValues = sweepValues; }

    public List<StepItem> getSteps() { return steps; }
    public void setSteps(List<StepItem> steps) { this.steps = steps; }

    @DynamoDbBean
    public static class StepItem {
        private String name;
        private String template;
        private Map<String, String> parameters;
        private List<String> after;

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }

        public String getTemplate() { return template; }
        public void setTemplate(String template) { this.template = template; }

        public Map<String, String> getParameters() { return parameters; }
        public void setParameters(Map<String, String> parameters) { this.parameters = parameters; }

        public List<String> getAfter() { return after; }
        public void setAfter(List<String> after) { this.after = after; }
    }

    public static TaskPlanItem of(TaskPlan plan) {
        if (plan == null || plan.isSingle()) return null;
        TaskPlanItem item = new TaskPlanItem();
        if (plan.sweep() != null) {
            item.setSweepParameter(plan.sweep().parameter());
            item.setSweepValues(plan.sweep().values());
        }
        if (!plan.steps().isEmpty()) {
            item.setSteps(plan.steps().stream().map(step -> {
                StepItem s = new StepItem();
                s.setName(step.name());
                s.setTemplate(step.template());
                // DynamoDB keeps no empty map or list: absent reads back as empty.
                s.setParameters(step.parameters().isEmpty() ? null : step.parameters());
                s.setAfter(step.after().isEmpty() ? null : step.after());
                return s;
            }).toList());
        }
        return item;
    }

    public static TaskPlan toPlan(TaskPlanItem item) {
        if (item == null) return TaskPlan.SINGLE;
        if (item.getSweepParameter() != null) return TaskPlan.sweep(new TaskPlan.Sweep(item.getSweepParameter(), item.getSweepValues()));
        return TaskPlan.workflow(item.getSteps().stream().map(s -> new TaskPlan.Step(s.getName(), s.getTemplate(),
                s.getParameters() == null ? Map.of() : s.getParameters(), s.getAfter() == null ? List.of() : s.getAfter())).toList());
    }
}
