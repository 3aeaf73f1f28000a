namespace FusionKit.Data;

/// <summary>The two published splits of Fashion-MNIST.</summary>
public enum FashionMnistSplit
{
    /// <summary>60,000 training images (train-*-ubyte.gz).</summary>
    Train,

    /// <summary>10,000 test images (t10k-*-ubyte.gz).</summary>
    Test,
}
