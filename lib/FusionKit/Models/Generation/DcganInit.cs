using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FusionKit.Models.Generation;

/// <summary>
/// DCGAN's initialisation (Radford et al. 2016, section 4): conv, transposed-conv and linear weights from
/// N(0, 0.02), batch-norm scales from N(1, 0.02), biases 0. Draws from torch's global generator, so a model built
/// after <c>torch.manual_seed(s)</c> starts from the same weights every time.
/// </summary>
public static class DcganInit
{
    /// <summary>Re-initialises every layer of <paramref name="module"/> in place.</summary>
    public static void Apply(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        using var noGrad = no_grad();
        foreach (var (_, child) in module.named_modules())
        {
            switch (child)
            {
                case Conv2d conv:
                    nn.init.normal_(conv.weight, 0, 0.02);
                    if (conv.bias is not null) nn.init.zeros_(conv.bias);
                    break;
                case ConvTranspose2d deconv:
                    nn.init.normal_(deconv.weight, 0, 0.02);
                    if (deconv.bias is not null) nn.init.zeros_(deconv.bias);
                    break;
                case Linear linear:
                    nn.init.normal_(linear.weight, 0, 0.02);
                    if (linear.bias is not null) nn.init.zeros_(linear.bias);
                    break;
                case BatchNorm2d bn:
                    if (bn.weight is not null) nn.init.normal_(bn.weight, 1, 0.02);
                    if (bn.bias is not null) nn.init.zeros_(bn.bias);
                    break;
            }
        }
    }
}
