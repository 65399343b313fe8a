package dev.mlforge.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Dockerfile read as Docker's parser reads it: comments and parser directives dropped, backslash continuations
 * joined, each instruction split into its keyword and arguments, and grouped into build stages by {@code FROM}.
 */
record Dockerfile(List<Stage> stages) {
    record Instruction(String keyword, String arguments, int line) {
        /** The arguments as the JSON array of exec form, or empty when they are in shell form. */
        Optional<List<String>> execForm() {
            String text = arguments.strip();
            if (!text.startsWith("[")) {
                return Optional.empty();
            }
            try {
                JsonNode array = new ObjectMapper().readTree(text);
                List<String> words = new ArrayList<>();
                array.forEach(word -> words.add(word.asText()));
                return array.isArray() ? Optional.of(words) : Optional.empty();
            } catch (Exception e) {
                return Optional.empty();
            }
        }

        /** The flags before the arguments proper ({@code --from=build}, {@code --interval=15s}). */
        List<String> flags() {
            List<String> flags = new ArrayList<>();
            for (String word : arguments.strip().split("\\s+")) {
                if (!word.startsWith("--")) {
                    break;
                }
                flags.add(word);
            }
            return flags;
        }
    }

    record Stage(String base, String name, List<Instruction> instructions) {
        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }

        Optional<Instruction> last(String keyword) {
            List<Instruction> all = all(keyword);
            return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
        }
    }

    static Dockerfile parse(Path file) {
        List<Stage> stages = new ArrayList<>();
        List<Instruction> global = new ArrayList<>();
        String[] lines = Repo.text(file).split("\n", -1);
        StringBuilder pending = null;
        int start = 0;
        for (int number = 0; number < lines.length; number++) {
            String line = lines[number].stripTrailing();
            if (pending == null && (line.isBlank() || line.stripLeading().startsWith("#"))) {
                continue;
            }
            if (pending != null && line.stripLeading().startsWith("#")) {
                continue; // comment lines inside a continued instruction are skipped, as Docker does
            }
            if (pending == null) {
                pending = new StringBuilder();
                start = number + 1;
            }
            boolean continues = line.endsWith("\\");
            pending.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
            if (!continues) {
                String text = pending.toString().strip();
                pending = null;
                String[] parts = text.split("\\s+", 2);
                Instruction instruction = new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : "", start);
                if (instruction.keyword().equals("FROM")) {
                    String[] words = instruction.arguments().split("\\s+");
                    List<String> plain = java.util.Arrays.stream(words).filter(w -> !w.startsWith("--")).toList();
                    String name = plain.size() >= 3 && plain.get(1).equalsIgnoreCase("AS") ? plain.get(2) : null;
                    stages.add(new Stage(plain.get(0), name, new ArrayList<>()));
                } else if (stages.isEmpty()) {
                    global.add(instruction);
                } else {
                    stages.get(stages.size() - 1).instructions().add(instruction);
                }
            }
        }
        if (pending != null) {
            throw new AssertionError(file + " ends inside a continued instruction");
        }
        global.stream().filter(i -> !i.keyword().equals("ARG")).findFirst().ifPresent(i -> {
            throw new AssertionError(file + " line " + i.line() + ": only ARG may come before the first FROM, found " + i.keyword());
        });
        return new Dockerfile(List.copyOf(stages));
    }

    Stage last() {
        return stages.get(stages.size() - 1);
    }
}
