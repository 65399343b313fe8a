package dev.mlforge.search;

import java.util.List;

/** One page of a listing; {@code nextPageToken} is null on the last page. */
public record ResultPage<T>(List<T> items, String nextPageToken) {
}
