package dev.mlforge.cli;

import dev.mlforge.api.monitoring.AlertInfo;
import dev.mlforge.api.monitoring.AlertResponse;
import dev.mlforge.api.monitoring.AlertRuleInfo;
import dev.mlforge.api.monitoring.AlertRuleResponse;
import dev.mlforge.api.monitoring.CreateAlertRuleRequest;
import dev.mlforge.api.monitoring.DeliveryInfo;
import dev.mlforge.api.monitoring.ListAlertRulesResponse;
import dev.mlforge.api.monitoring.ListAlertsResponse;
import dev.mlforge.api.monitoring.ListDeliveriesResponse;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlforge alerts ...}: the alerts monitors fired, their notifications, and the rules that fire them. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "List alerts and their notifications; manage alert rules.",
        subcommands = AlertsCommand.RulesCommand.class)
final class AlertsCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List alerts, newest first.")
    int list(@Mixin ClientOptions options,
            @Option(names = "--state", description = "firing or resolved (default: both).") String state) {
        List<AlertInfo> alerts = options.client().monitoring().alerts(state);
        PrintWriter out = spec.commandLine().getOut();
        if (options.json) {
            ClientOptions.printJson(out, new ListAlertsResponse(alerts));
            return 0;
        }
        Table table = new Table("ID", "RULE", "DEPLOYMENT", "METRIC", "STATE", "VALUE", "THRESHOLD", "FIRED", "RESOLVED");
        alerts.forEach(a -> table.row(a.id(), a.ruleName(), a.deployment(), a.metric(), a.state(),
                DatasetsCommand.number(a.value()), DatasetsCommand.number(a.threshold()), a.firedAt(), a.resolvedAt()));
        table.print(out);
        return 0;
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show an alert.")
    int get(@Mixin ClientOptions options, @Parameters(paramLabel = "ID", description = "The alert id.") String id) {
        AlertInfo alert = options.client().monitoring().alert(id);
        PrintWriter out = spec.commandLine().getOut();
        if (options.json) {
            ClientOptions.printJson(out, new AlertResponse(alert));
            return 0;
        }
        new Table("FIELD", "VALUE")
                .row("id", alert.id())
                .row("rule", alert.ruleName() + " (" + alert.ruleId() + ")")
                .row("deployment", alert.deployment())
                .row("metric", alert.metric())
                .row("state", alert.state())
                .row("value", DatasetsCommand.number(alert.value()))
                .row("threshold", DatasetsCommand.number(alert.threshold()))
                .row("fired", alert.firedAt())
                .row("resolved", alert.resolvedAt())
                .print(out);
        return 0;
    }

    @Command(name = "deliveries", mixinStandardHelpOptions = true, description = "List the notification attempts of an alert.")
    int deliveries(@Mixin ClientOptions options, @Parameters(paramLabel = "ID", description = "The alert id.") String id) {
        List<DeliveryInfo> deliveries = options.client().monitoring().deliveries(id);
        PrintWriter out = spec.commandLine().getOut();
        if (options.json) {
            ClientOptions.printJson(out, new ListDeliveriesResponse(deliveries));
            return 0;
        }
        Table table = new Table("ATTEMPT", "CHANNEL", "EVENT", "SUCCESS", "STATUS", "ERROR", "TIME");
        deliveries.forEach(d -> table.row(d.attempt(), d.channel(), d.event(), d.success(), d.statusCode(), d.error(), d.time()));
        table.print(out);
        return 0;
    }

    /** {@code mlforge alerts rules ...}: the rules that turn monitor results into alerts. */
    @Command(name = "rules", mixinStandardHelpOptions = true, description = "Manage alert rules.")
    static final class RulesCommand {
        @Spec
        CommandSpec spec;

        @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an alert rule.")
        int create(@Mixin ClientOptions options,
                @Option(names = "--metric", required = true, description = "drift_share, column_drift:<column>, accuracy, f1, rmse, ...") String metric,
                @Option(names = "--comparator", required = true, description = ">, >=, <, <= (or gt, ge, lt, le).") String comparator,
                @Option(names = "--threshold", required = true, description = "The threshold.") double threshold,
                @Option(names = "--name", description = "The rule's name (default: made of metric, comparator and threshold).") String name,
                @Option(names = "--for-windows", paramLabel = "N", description = "Monitor runs in a row that must breach (default 1).") Integer forWindows,
                @Option(names = "--deployment", description = "Watch only this deployment (default: all).") String deployment,
                @Option(names = "--webhook-url", paramLabel = "URL", description = "POST notifications here (default: log only).") String webhookUrl) {
            AlertRuleInfo rule = options.client().monitoring().createRule(new CreateAlertRuleRequest(name, metric, comparator,
                    threshold, forWindows, deployment, webhookUrl));
            return print(options, rule, "Created alert rule " + rule.id());
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "List alert rules.")
        int list(@Mixin ClientOptions options) {
            List<AlertRuleInfo> rules = options.client().monitoring().rules();
            PrintWriter out = spec.commandLine().getOut();
            if (options.json) {
                ClientOptions.printJson(out, new ListAlertRulesResponse(rules));
                return 0;
            }
            Table table = new Table("ID", "NAME", "METRIC", "COMPARATOR", "THRESHOLD", "FOR WINDOWS", "DEPLOYMENT", "WEBHOOK");
            rules.forEach(r -> table.row(r.id(), r.name(), r.metric(), r.comparator(), DatasetsCommand.number(r.threshold()),
                    r.forWindows(), r.deployment(), r.webhookUrl()));
            table.print(out);
            return 0;
        }

        @Command(name = "get", mixinStandardHelpOptions = true, description = "Show an alert rule.")
        int get(@Mixin ClientOptions options, @Parameters(paramLabel = "ID", description = "The rule id.") String id) {
            return print(options, options.client().monitoring().rule(id), null);
        }

        @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an alert rule.")
        int delete(@Mixin ClientOptions options, @Parameters(paramLabel = "ID", description = "The rule id.") String id) {
            options.client().monitoring().deleteRule(id);
            PrintWriter out = spec.commandLine().getOut();
            if (options.json) {
                ClientOptions.printJson(out, Map.of());
            } else {
                out.println("Deleted alert rule " + id);
                out.flush();
            }
            return 0;
        }

        private int print(ClientOptions options, AlertRuleInfo rule, String headline) {
            PrintWriter out = spec.commandLine().getOut();
            if (options.json) {
                ClientOptions.printJson(out, new AlertRuleResponse(rule));
                return 0;
            }
            if (headline != null) {
                out.println(headline);
            }
            new Table("FIELD", "VALUE")
                    .row("id", rule.id())
                    .row("name", rule.name())
                    .row("metric", rule.metric())
                    .row("comparator", rule.comparator())
                    .row("threshold", DatasetsCommand.number(rule.threshold()))
                    .row("for_windows", rule.forWindows())
                    .row("deployment", rule.deployment())
                    .row("webhook_url", rule.webhookUrl())
                    .row("created", rule.createdAt())
                    .print(out);
            return 0;
        }
    }
}
