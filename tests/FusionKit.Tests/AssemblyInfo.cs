// Torch's global RNG and thread count are process-wide: a test class that builds modules in parallel with another
// that seeds and trains would change its initial weights and make seed-reproducibility tests flaky. The suite runs
// its classes one at a time (about the same wall time on 2 cores, which torch work saturates anyway).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
