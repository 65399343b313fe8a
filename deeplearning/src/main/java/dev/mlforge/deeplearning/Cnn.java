package dev.mlforge.deeplearning;

import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.ndarray.types.Shape;

/** The small CNN (public for the serving provider, which rebuilds it to load saved parameters): Conv2d(3x3, same padding) -> ReLU -> MaxPool(2x2) -> flatten -> Linear(classes). */
public final class Cnn {
    private Cnn() {
    }

    public static SequentialBlock block(int filters, int classes) {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters)
                        .build())
                .add(Activation::relu)
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(classes).build());
    }
}
