package io.github.gen4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gen4j.gan.GanPreset;
import io.github.gen4j.train.TrainConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The train options take their defaults, help texts and range checks from TrainConfig (no training here). */
class TrainOptionsTest {

    private static TrainOptions parse(String... args) {
        TrainVaeCommand c = new TrainVaeCommand();
        new CommandLine(c).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return c.train;
    }

    @Test
    void noOptionsGiveTrainConfigsDefaults() {
        assertEquals(TrainConfig.builder().seed(7).build(), parse().toConfig(TrainConfig.builder(), 7));
    }

    @Test
    void optionsNotGivenKeepTheFamilysValuesAndGivenOnesWin() {
        TrainConfig gan = parse("--batch-size", "64").toConfig(GanPreset.PLAIN.schedule(TrainConfig.builder()), 1);
        assertEquals(0, gan.warmupSteps());
        assertEquals(GanPreset.PLAIN.recipe().lrG(), gan.lr());
        assertEquals(64, gan.batchSize());
        TrainConfig warm = parse("--warmup", "10", "--checkpoint-minutes", "2")
                .toConfig(GanPreset.PLAIN.schedule(TrainConfig.builder()), 1);
        assertEquals(10, warm.warmupSteps());
        assertEquals(120, warm.checkpointSeconds());
    }

    @Test
    void onlyStepsMeansNoBudgetAndAFamilysLengthAppliesOnlyWithoutOne() {
        assertEquals(0, parse("--steps", "5").toConfig(TrainConfig.builder(), 1).budgetSeconds());
        TrainOptions none = parse();
        none.lengthByDefault(null, 1200.0);
        assertEquals(1200, none.toConfig(TrainConfig.builder(), 1).budgetSeconds());
        TrainOptions steps = parse("--steps", "5");
        steps.lengthByDefault(null, 1200.0);
        assertEquals(0, steps.toConfig(TrainConfig.builder(), 1).budgetSeconds());
    }

    @Test
    void outOfRangeValuesNameTheFlag() {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> parse("--steps", "-1").toConfig(TrainConfig.builder(), 1));
        assertEquals("--steps must be >= 0", e.getMessage());
        assertEquals("--checkpoint-minutes must be >= 0", assertThrows(CommandLine.ParameterException.class,
                () -> parse("--checkpoint-minutes", "-1").toConfig(TrainConfig.builder(), 1)).getMessage());
        assertEquals("--steps and --budget cannot both be 0 (0 means no limit: training would never end)",
                assertThrows(CommandLine.ParameterException.class,
                        () -> parse("--steps", "0").toConfig(TrainConfig.builder(), 1)).getMessage());
    }

    @Test
    void helpShowsTrainConfigsDefaults() {
        StringWriter help = new StringWriter();
        new CommandLine(new TrainVaeCommand()).usage(new PrintWriter(help));
        String h = help.toString().replaceAll("\\s+", " ");
        TrainConfig d = TrainConfig.builder().build();
        for (String expected : new String[] {
            "Steps between sample grids; 0 = only at the end (default: " + d.sampleEvery() + ")",
            "Steps between held-out evaluations; 0 = only at the end (default: " + d.evalEvery() + ")",
            "Steps between metrics lines (default: " + d.logEvery() + ")",
            "Steps between checkpoints (default: " + d.checkpointEvery() + ")",
            "Images per step (default: " + d.batchSize() + ")",
            "Checkpoints to keep (default: " + d.keepCheckpoints() + ")",
            "0 = never (default: " + Math.round(d.checkpointSeconds() / 60) + ")",
            "Default: " + d.nanPolicy() + ".",
            "decay to " + Math.round(d.minLrRatio() * 100) + "% of the peak",
            "(default: " + Math.round(d.budgetSeconds() / 60) + "m or the family's",
            "Clip the gradient norm to this; 0 = off (default: " + Math.round(d.gradClip()) + " or the family's)"}) {
            assertTrue(h.contains(expected), expected + " not in:\n" + h);
        }
    }
}
