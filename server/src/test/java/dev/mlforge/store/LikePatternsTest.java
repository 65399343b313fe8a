package dev.mlforge.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LikePatternsTest {
    @Test
    void like_wildcards_become_glob_wildcards_and_glob_characters_are_escaped() {
        assertThat(LikePatterns.toGlob("fr_ud%")).isEqualTo("fr?ud*");
        assertThat(LikePatterns.toGlob("a%b_c*?[")).isEqualTo("a*b?c[*][?][[]");
    }
}
