using System.CommandLine;
using FusionKit.Vision;

namespace FusionKit.Cli;

/// <summary>
/// <c>--precision fp32|bf16|auto</c>: the arithmetic of the image network, declared once for every command that embeds
/// images (docs/precision.md). Read it with <see cref="Resolve"/>, which also says why auto chose what it chose.
/// </summary>
public static class PrecisionOption
{
    /// <summary>A new <c>--precision</c> option with <paramref name="fallback"/> as its default.</summary>
    public static Option<string> Create(string fallback = "auto") =>
        new Option<string>("--precision")
        {
            Description = "image network arithmetic: fp32, bf16 (TorchSharp, bfloat16 channels-last; own cache entries) or auto "
                          + "(FUSIONKIT_PRECISION when set, else bf16 where the processor has native bf16; `fusionkit doctor` says which)",
            HelpName = string.Join("|", ImagePrecisionChoice.Names),
            DefaultValueFactory = _ => fallback,
        }.OneOf(ImagePrecisionChoice.Names);

    /// <summary>The precision the option asks for on this machine (never auto) and the reason in words.</summary>
    /// <exception cref="CliUsageException">FUSIONKIT_PRECISION holds another word than fp32, bf16 or auto.</exception>
    public static (ImagePrecision Precision, string Reason) Resolve(ParseResult parse, Option<string> option)
    {
        try
        {
            return ImagePrecisionChoice.Resolve(ImagePrecisionChoice.Parse(parse.GetValue(option)!));
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException(e.Message);
        }
    }
}
