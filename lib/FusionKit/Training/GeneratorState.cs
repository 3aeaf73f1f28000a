namespace FusionKit.Training;

/// <summary>One random generator's state inside a checkpoint (<see cref="RandomGenerators"/>).</summary>
/// <param name="Name"><see cref="RandomGenerators.Cpu"/> or <see cref="RandomGenerators.Cuda"/>.</param>
/// <param name="State">The CPU generator's full state, or for CUDA the 8-byte seed every CUDA generator gets at the start of the next epoch.</param>
internal sealed record GeneratorState(string Name, byte[] State);
