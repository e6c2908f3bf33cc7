package io.github.gen4j.cli;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns the first SIGINT/SIGTERM into a polite stop request, and a second one into an immediate exit
 * (status 130). Uses {@code sun.misc.Signal} (module jdk.unsupported), the JDK's supported way to handle
 * signals without starting JVM shutdown.
 */
final class StopSignals {

    /** Exit status of a command that a signal stopped early (after its checkpoint): 128 + the signal's number. */
    private volatile int exitCode;
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private StopSignals() {}

    static StopSignals install(Runnable onFirst) {
        StopSignals s = new StopSignals();
        boolean[] fired = {false};
        SignalHandler handler = sig -> {
            if (fired[0]) {
                Runtime.getRuntime().halt(130);
            }
            fired[0] = true;
            s.exitCode = 128 + sig.getNumber();
            System.err.println("\ngen4j: stopping after this step and writing a checkpoint (again to quit now)");
            onFirst.run();
        };
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal sig = new Signal(name);
                s.previous.add(Signal.handle(sig, handler));
                s.signals.add(sig);
            } catch (IllegalArgumentException e) {
                // signal not available on this platform: keep the default behaviour
            }
        }
        return s;
    }

    /**
     * 0 if no signal arrived, else 128 + the first signal's number (130 for SIGINT/Ctrl-C, 143 for SIGTERM),
     * the shells' convention, so that a scheduler or script sees that the work was stopped, not finished.
     */
    int exitCode() {
        return exitCode;
    }

    void restore() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
