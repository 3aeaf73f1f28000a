using FusionKit.Data;
using TorchSharp;

namespace FusionKit.Training;

/// <summary>
/// The random generators a training run draws from (dropout, modality dropout, random initialisations inside
/// forward), captured in each checkpoint and restored on resume so that a resumed run draws exactly what an
/// uninterrupted one would.
/// <list type="bullet">
/// <item>CPU: torch's default CPU generator, its full state (<c>torch.get_rng_state</c>).</item>
/// <item>CUDA, where the run trains on a GPU: TorchSharp 0.107 can seed the CUDA generators
/// (<c>torch.cuda.manual_seed_all</c>) but cannot read their state. The trainer therefore makes their state a
/// function of the checkpoint: at the start of every epoch it seeds every CUDA generator with
/// <see cref="CudaEpochSeed"/>(seed, epoch), and the checkpoint stores the seed of the epoch that comes next.</item>
/// </list>
/// A CPU-only run uses and stores the CPU generator only, so its results are those of the kit before CUDA seeding.
/// </summary>
internal static class RandomGenerators
{
    /// <summary>Name of torch's CPU generator in a checkpoint.</summary>
    public const string Cpu = "cpu";

    /// <summary>Name of the CUDA generators (all devices) in a checkpoint.</summary>
    public const string Cuda = "cuda";

    /// <summary>The seed of every CUDA generator for a zero-based epoch: SplitMix64 of (run seed, epoch), platform-independent.</summary>
    public static long CudaEpochSeed(long seed, int epoch)
    {
        var mix = new SplitMix64(unchecked((ulong)seed ^ (0xD1B54A32D192ED03UL * (ulong)(epoch + 1))));
        return (long)(mix.NextUInt64() >> 1); // non-negative: torch takes the seed as a signed 64-bit number
    }

    /// <summary>Seeds every CUDA generator for <paramref name="epoch"/>; called at each epoch's start on CUDA runs only.</summary>
    public static void SeedCudaForEpoch(long seed, int epoch) => torch.cuda.manual_seed_all(CudaEpochSeed(seed, epoch));

    /// <summary>The states to checkpoint after <paramref name="finishedEpochs"/> epochs: CPU always, CUDA when the run trains on it.</summary>
    public static IReadOnlyList<GeneratorState> Capture(bool onCuda, long seed, int finishedEpochs)
    {
        using var cpu = torch.get_rng_state();
        var states = new List<GeneratorState> { new(Cpu, cpu.data<byte>().ToArray()) };
        if (onCuda) states.Add(new(Cuda, BitConverter.GetBytes(CudaEpochSeed(seed, finishedEpochs))));
        return states;
    }

    /// <summary>Restores checkpointed states. A CUDA state met by a CPU run is not used (the run says so).</summary>
    /// <exception cref="InvalidDataException">No CPU state, an unknown generator or a malformed CUDA seed; the message names the file.</exception>
    public static void Restore(IReadOnlyList<GeneratorState> states, bool onCuda, string path, TextWriter? log)
    {
        if (!states.Any(s => s.Name == Cpu)) throw new InvalidDataException($"{path} holds no CPU generator state; delete it to restart the run.");
        foreach (var state in states)
        {
            switch (state.Name)
            {
                case Cpu:
                    using (var rng = torch.tensor(state.State))
                        torch.set_rng_state(rng);
                    break;
                case Cuda when state.State.Length != sizeof(long):
                    throw new InvalidDataException($"{path}: the CUDA generator seed has {state.State.Length} bytes, not {sizeof(long)}; delete the checkpoint to restart the run.");
                case Cuda when onCuda:
                    torch.cuda.manual_seed_all(BitConverter.ToInt64(state.State));
                    break;
                case Cuda:
                    log?.WriteLine($"note: {path} was written by a CUDA run; this run trains on the CPU, so its random draws (dropout) differ from the CUDA run's from here on.");
                    break;
                default:
                    throw new InvalidDataException($"{path} holds a state for an unknown generator '{state.Name}'; delete it to restart the run.");
            }
        }
    }
}
