package org.maskface.util;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** maskface's progress bars: plain ASCII, drawn on Java's current stderr. */
public final class ProgressBars {

    private ProgressBars() {
    }

    /**
     * A builder for a bar named {@code task} counting to {@code max}. The library would write to
     * file descriptor 2 itself, bypassing {@code System.setErr}; the launcher gives Java a stderr of
     * its own (native warnings are filtered out of fd 2), so the bar is pointed at {@code System.err}.
     */
    public static ProgressBarBuilder builder(String task, long max) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err));
    }
}
