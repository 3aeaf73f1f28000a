using FusionKit.Interactive;
using FusionKit.Vision;

namespace FusionKit.Tests.Interactive;

public class NotebookSessionTests
{
    [Fact]
    public void Start_SaysWhichImagePrecisionTheSessionUses_AndWhy()
    {
        var session = NotebookSession.Start();
        // The same resolution the command line makes (doctor, --precision auto) on this machine.
        var (precision, reason) = ImagePrecisionChoice.Resolve(ImagePrecision.Auto);
        Assert.Equal($"{ImagePrecisionChoice.Name(precision)} ({reason})", session.Precision);
        Assert.Matches("^(fp32|bf16) \\(auto: ", session.Precision);
    }
}
