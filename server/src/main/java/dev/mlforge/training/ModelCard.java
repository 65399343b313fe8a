package dev.mlforge.training;

import java.util.Map;

/** Renders a model card in Markdown: data, parameters, metrics, confusion matrix, intended use and limits. */
final class ModelCard {
    private ModelCard() {}

    static String render(TrainedModel trained, boolean onnx) {
        StringBuilder card = new StringBuilder();
        card.append("# Model card: ").append(trained.trainer()).append(" (").append(trained.task().name().toLowerCase()).append(")\n\n");
        card.append("## Data\n\n");
        card.append("- Training data: `").append(trained.trainingData()).append("`, ").append(trained.trainingRows()).append(" rows\n");
        card.append("- Evaluation data: ").append(trained.evaluationRows()).append(" held-out rows\n");
        card.append("- Features (").append(trained.featureNames().size()).append(", in model input order): ")
                .append(String.join(", ", trained.featureNames())).append("\n");
        if (!trained.outputLabels().isEmpty()) {
            card.append("- Outputs (in model output order): ").append(String.join(", ", trained.outputLabels())).append("\n");
        }
        card.append("\n## Parameters\n\n| Parameter | Value |\n|---|---|\n");
        trained.parameters().asStrings().forEach((key, value) -> card.append("| ").append(key).append(" | ").append(value).append(" |\n"));
        card.append("\n## Metrics (held-out data)\n\n| Metric | Value |\n|---|---|\n");
        for (Map.Entry<String, Double> metric : trained.metrics().entrySet()) {
            card.append("| ").append(metric.getKey()).append(" | ").append(String.format(java.util.Locale.ROOT, "%.4f", metric.getValue())).append(" |\n");
        }
        if (trained.confusion() != null) {
            card.append("\n## Confusion matrix (rows: truth, columns: prediction)\n\n| |");
            trained.confusion().labels().forEach(label -> card.append(" ").append(label).append(" |"));
            card.append("\n|---|").append("---|".repeat(trained.confusion().labels().size())).append("\n");
            for (int row = 0; row < trained.confusion().labels().size(); row++) {
                card.append("| ").append(trained.confusion().labels().get(row)).append(" |");
                for (long count : trained.confusion().counts()[row]) {
                    card.append(" ").append(count).append(" |");
                }
                card.append("\n");
            }
        }
        card.append("\n## Intended use\n\n")
                .append("Scoring rows with the same features, units and preprocessing as the training data. The model expects\n")
                .append("the features in the order listed above")
                .append(onnx ? " (ONNX input `input`, float32 [-1, " + trained.featureNames().size() + "])" : "")
                .append(". It is not validated for data drawn from another population; monitor drift before trusting it there.\n");
        card.append("\n## Provenance\n\nTribuo's full provenance (trainer, data source, run time) is in `provenance.json`.\n");
        return card.toString();
    }
}
