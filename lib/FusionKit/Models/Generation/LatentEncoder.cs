using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FusionKit.Models.Generation;

/// <summary>
/// E(x) -> z: maps an image (B, 1, 28, 28) to the generator's latent space (B, L), the "image embedding" of the
/// paper's formulation that is joined with a text embedding and fed to the GAN. Same convolutional trunk as D
/// (conv 4/2 -> LeakyReLU -> conv 4/2 -> BN, LeakyReLU) and a linear layer to z. Reed et al. 2016 (section 5.3)
/// train such an inverter by regressing z from G's samples; <c>LatentEncoderTraining</c> (Training) adds a
/// reconstruction term on real images.
/// </summary>
public sealed class LatentEncoder : Module<Tensor, Tensor>
{
    private readonly Conv2d down1;
    private readonly Conv2d down2;
    private readonly BatchNorm2d bn2;
    private readonly Linear to_latent;

    public LatentEncoder(GanArchitecture architecture) : base(nameof(LatentEncoder))
    {
        ArgumentNullException.ThrowIfNull(architecture);
        architecture.Validate();
        Architecture = architecture;
        var w = architecture.DiscriminatorWidth;
        down1 = nn.Conv2d(1, w, 4, stride: 2, padding: 1);
        down2 = nn.Conv2d(w, 2 * w, 4, stride: 2, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(2 * w);
        to_latent = nn.Linear(2 * w * 7 * 7, architecture.LatentDim);
        RegisterComponents();
        DcganInit.Apply(this);
    }

    /// <summary>The sizes it was built with (LatentDim and DiscriminatorWidth are used).</summary>
    public GanArchitecture Architecture { get; }

    /// <summary>Latent codes (B, L) of images (B, 1, 28, 28) in [-1, 1].</summary>
    public override Tensor forward(Tensor image)
    {
        if (image.ndim != 4 || image.shape[1] != 1 || image.shape[2] != GanArchitecture.ImageSize || image.shape[3] != GanArchitecture.ImageSize)
            throw new ArgumentException($"Images must be (B, 1, 28, 28); got ({string.Join(", ", image.shape)}).", nameof(image));
        using var scope = NewDisposeScope();
        var h = nn.functional.leaky_relu(BlockAlignedConvolution.Forward(down1, image), 0.2);        // (B, W, 14, 14)
        h = nn.functional.leaky_relu(bn2.call(BlockAlignedConvolution.Forward(down2, h)), 0.2);      // (B, 2W, 7, 7)
        var z = to_latent.call(h.flatten(1));                               // (B, L)
        return z.MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            down1.Dispose();
            down2.Dispose();
            bn2.Dispose();
            to_latent.Dispose();
        }
        base.Dispose(disposing);
    }
}
