package dev.mlforge.serving;

import java.util.List;

/** A predictor whose signature is narrowed by the model's packaging (an MLflow signature). */
final class SignedPredictor implements Predictor {
    private final Predictor model;
    private final ModelSignature signature;

    SignedPredictor(Predictor model, ModelSignature signature) {
        this.model = model;
        this.signature = signature;
    }

    @Override
    public ModelSignature signature() {
        return signature;
    }

    @Override
    public List<Tensor> predict(List<Tensor> inputs) {
        return model.predict(inputs);
    }

    @Override
    public int concurrency() {
        return model.concurrency();
    }

    @Override
    public boolean answersDict() {
        return model.answersDict();
    }

    @Override
    public void close() {
        model.close();
    }
}
