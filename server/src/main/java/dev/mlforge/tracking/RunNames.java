package dev.mlforge.tracking;

import java.util.List;
import java.util.random.RandomGenerator;

/** Generates MLflow-style run names such as {@code brave-owl-417} for runs created without one. */
final class RunNames {
    private static final List<String> ADJECTIVES = List.of("agreeable", "amazing", "brave", "bright", "calm", "clean",
            "clever", "colorful", "crisp", "dapper", "delicate", "eager", "elegant", "fearless", "gentle", "gifted",
            "glamorous", "handsome", "honorable", "kindly", "languid", "lively", "luminous", "merciful", "nimble",
            "polite", "rebellious", "resilient", "salty", "shivering", "silent", "skillful", "smiling", "stately",
            "sincere", "spiffy", "suave", "thundering", "traveling", "trusting", "unique", "upbeat", "valuable",
            "victorious", "wise", "youthful");
    private static final List<String> NOUNS = List.of("ant", "ape", "bass", "bat", "bear", "bird", "boar", "cat",
            "colt", "crab", "crane", "deer", "doe", "dog", "dove", "duck", "eel", "elk", "finch", "fish", "fox", "frog",
            "goat", "gull", "hare", "hawk", "hen", "horse", "jay", "koi", "lamb", "lark", "lynx", "mink", "mole",
            "moth", "mouse", "mule", "newt", "owl", "ox", "panda", "pig", "ram", "ray", "seal", "shark", "shrew",
            "skink", "slug", "snail", "snake", "squid", "stag", "swan", "toad", "trout", "wasp", "whale", "wolf",
            "worm", "wren", "yak", "zebra");

    private final RandomGenerator random;

    RunNames(RandomGenerator random) {
        this.random = random;
    }

    String next() {
        return ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + "-" + NOUNS.get(random.nextInt(NOUNS.size()))
                + "-" + random.nextInt(1000);
    }
}
