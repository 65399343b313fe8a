# Turns Maven's log into the progress of ./mlforge's build, for stderr: one line per module, a dot per build step or
# downloaded file on it, errors in full, and the total time. Plain POSIX awk (mawk, gawk, busybox).
function end_line() {
    if (open_line) {
        printf "\n"
        open_line = 0
    }
}

/^\[INFO\] Building .*\[[0-9]+\/[0-9]+\] *$/ {
    end_line()
    name = ""
    for (i = 3; i <= NF - 2; i++) {
        name = name (name == "" ? "" : " ") $i
    }
    step = $NF
    gsub(/\[|\]/, "", step)
    printf "mlforge: building %s (%s) ", name, step
    open_line = 1
    fflush()
    next
}

/^\[INFO\] --- / || /Download(ing|ed) from/ {
    printf "."
    open_line = 1
    fflush()
    next
}

/^\[(ERROR|FATAL)\]/ || (!/^\[/ && /[Ee]rror/) {
    end_line()
    print
    fflush()
    next
}

/^\[INFO\] BUILD FAILURE/ {
    failed = 1
}

/^\[INFO\] Total time:/ {
    end_line()
    sub(/^\[INFO\] Total time: */, "")
    print "mlforge: build " (failed ? "failed after " : "done in ") $0
    fflush()
}

END {
    end_line()
}
