package dev.mlforge.training;

import java.util.List;

/** Every trial of a search and the best one by the request's metric; {@code best} is null if all trials failed. */
public record SearchResult(List<Trial> trials, Trial best, String metric) {}
