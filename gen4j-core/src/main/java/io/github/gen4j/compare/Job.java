package io.github.gen4j.compare;

import java.util.ArrayList;
import java.util.List;

/**
 * One job of a comparison: one family (recipe) trained and measured with one seed. Jobs are independent
 * (any process may run any of them, see {@link JobClaims}), except that a recipe that {@link
 * FamilyRecipe#requires() requires} another family builds on that family's job of the same seed.
 *
 * @param index the job's number in the comparison's job list ({@code --job K}), from 0
 * @param family the recipe's name ({@code vae}, {@code gan-vaeinit}, ...)
 * @param seed the run's seed
 */
public record Job(int index, String family, long seed) {

    /** The name of the job's run folder and claim files: {@code <family>-seed<S>}. */
    public String name() {
        return family + "-seed" + seed;
    }

    /** "family seed S", as progress messages and errors show it. */
    public String label() {
        return family + " seed " + seed;
    }

    /** The jobs of {@code s}: every family in order, each with its seeds in order. */
    public static List<Job> of(CompareSettings s) {
        List<Job> jobs = new ArrayList<>();
        for (String family : s.families()) {
            for (long seed : s.seedsOf(family)) {
                jobs.add(new Job(jobs.size(), family, seed));
            }
        }
        return List.copyOf(jobs);
    }
}
