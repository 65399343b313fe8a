package dev.mlforge.ui;

import java.util.List;

/** One entry of the header's navigation: the section key a page declares, its label and where it leads. */
public record NavItem(String section, String label, String href) {
    /** Every page family of the UI, in the header's order. */
    public static final List<NavItem> ALL = List.of(
            new NavItem("experiments", "Experiments", "/ui/experiments"),
            new NavItem("models", "Models", "/ui/models"),
            new NavItem("deployments", "Deployments", "/ui/deployments"),
            new NavItem("monitors", "Monitors", "/ui/monitors"),
            new NavItem("datasets", "Datasets", "/ui/datasets"),
            new NavItem("pipelines", "Pipelines", "/ui/pipelines"),
            new NavItem("traces", "Traces", "/ui/traces"),
            new NavItem("lineage", "Lineage", "/ui/lineage"));
}
