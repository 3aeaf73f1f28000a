using FusionKit.Text;

namespace FusionKit.Tests.Text;

/// <summary>One MiniLM session shared by the tests that need it (loading the 91-MB model takes about a second).</summary>
public sealed class MiniLmFixture : IDisposable
{
    public SentenceEncoder Encoder { get; } = new(intraOpThreads: 1, batchSize: 64);

    public void Dispose() => Encoder.Dispose();
}

[CollectionDefinition(Name)]
public sealed class MiniLmCollection : ICollectionFixture<MiniLmFixture>
{
    public const string Name = "MiniLM";
}
