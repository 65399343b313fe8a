package dev.mlforge.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code mlforge ...} invocations of a shell script (a workflow's {@code run:}), each as its words up to the next
 * pipe, separator, redirection or closing {@code )}. Only a word in command position counts (first on the line, after
 * a separator, {@code $(}, a keyword such as {@code then}, or variable assignments): {@code docker stop mlforge} does
 * not; a word inside quotes never does.
 */
final class ShellCommands {
    private static final Set<String> BREAKS = Set.of("|", ";", "&", ")", "(", ">", "<", "$(", "`", "{", "}");
    /** Words after which the next word is a command again. */
    private static final Set<String> PREFIXES = Set.of("if", "then", "else", "elif", "do", "while", "until", "!", "exec",
            "time", "sudo", "env");

    /** One word, and whether any of it was quoted. */
    record Word(String text, boolean quoted) { }

    private ShellCommands() {
    }

    static List<List<String>> mlforge(String script) {
        List<List<String>> commands = new ArrayList<>();
        for (String line : script.replace("\\\n", " ").split("\n")) {
            List<Word> words = words(line);
            boolean commandPosition = true;
            for (int i = 0; i < words.size(); i++) {
                Word word = words.get(i);
                boolean atCommand = commandPosition;
                commandPosition = isBreak(word) || (!word.quoted() && PREFIXES.contains(word.text()))
                        || (commandPosition && word.text().matches("[A-Za-z_][A-Za-z0-9_]*=.*"));
                if (atCommand && !word.quoted() && (word.text().equals("mlforge") || word.text().equals("./mlforge"))) {
                    List<String> command = new ArrayList<>();
                    for (int j = i + 1; j < words.size() && !isBreak(words.get(j)); j++) {
                        command.add(words.get(j).text());
                    }
                    commands.add(command);
                }
            }
        }
        return commands;
    }

    private static boolean isBreak(Word word) {
        return !word.quoted() && (BREAKS.contains(word.text()) || word.text().equals("&&") || word.text().equals("||"));
    }

    static List<Word> words(String line) {
        List<Word> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
                quoted = true;
            } else if (c == '#' && word.length() == 0) {
                break;
            } else if (Character.isWhitespace(c)) {
                flush(words, word, quoted);
                quoted = false;
            } else if (c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '(') {
                flush(words, word, quoted);
                quoted = false;
                words.add(new Word("$(", false));
                i++;
            } else if ("|;&)(<>`{}".indexOf(c) >= 0) {
                flush(words, word, quoted);
                quoted = false;
                words.add(new Word(String.valueOf(c), false));
            } else {
                word.append(c);
            }
        }
        flush(words, word, quoted);
        return words;
    }

    private static void flush(List<Word> words, StringBuilder word, boolean quoted) {
        if (word.length() > 0 || quoted) {
            words.add(new Word(word.toString(), quoted));
            word.setLength(0);
        }
    }
}
