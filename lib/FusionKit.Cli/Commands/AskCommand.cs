using System.Globalization;
using FusionKit.Data;
using FusionKit.Experiments.Interaction;
using FusionKit.Interactive;
using FusionKit.Platform;

namespace FusionKit.Cli.Commands;

/// <summary>`fusionkit ask --image PATH "question"`: one question about one image (<see cref="QuestionAnswerer"/>).</summary>
public sealed class AskCommand : ICliCommand
{
    public string Name => "ask";
    public string Summary => "Ask a question about an image of your own (\"is this something you wear on your feet?\"); answered by a fusion model.";
    public string Usage => """
        fusionkit ask --image PATH "would i wear this on my feet?" [--method cross-attention] [--encoder minilm]
                      [--profile smoke|default] [--threads N]
        fusionkit ask --train [--method M] [--encoder E] [--profile P]

        Decodes the image (PNG, JPEG, BMP, GIF, TIFF, WebP, ...), embeds it with ResNet18 and the question with the
        question encoder, and prints the answer, its probability and the runner-up answers. A cross-attention model
        also writes where the question looked (the image under its 7x7 attention map) to results/ask/. The model is
        trained on generated questions about Fashion-MNIST (28x28 grayscale items on black) the first time it is
        needed, with progress, then cached; an interrupted training resumes. Photographs of one's own are a different
        domain: expect weaker answers.
          --image     the image file
          --method    fusion method of the answer model (default cross-attention)
          --encoder   question encoder, wordvec or minilm (default minilm)
          --profile   the profile whose questions train the model (default smoke: about a minute)
          --train     only train (or find) the model, no question
          --threads   torch and encoder threads (default 1)
        """;

    public int Run(CliArguments args, TextWriter output)
    {
        var image = args.String("image");
        var trainOnly = args.Flag("train");
        var options = new AskOptions
        {
            Method = args.String("method", AskOptionsDefaults.Method),
            Encoder = args.String("encoder", AskOptionsDefaults.Encoder),
            Profile = args.Choice("profile", FusionKit.Experiments.RunProfile.Smoke, FusionKit.Experiments.RunProfile.All),
            Threads = args.Int("threads", 1, min: 1, max: 256),
        };
        args.EnsureAllUsed();
        if (!FusionKit.Fusion.FusionMethods.Names.Contains(options.Method) || options.Method == FusionKit.Fusion.FusionMethods.Late)
            throw new CliUsageException($"--method: '{options.Method}' is not an answer model; use concat, weighted, gated, attention, cross-attention or bilinear.");
        if (!FusionKit.Text.TextEncoders.Names.Contains(options.Encoder))
            throw new CliUsageException($"--encoder: '{options.Encoder}' is not a question encoder; use {string.Join(" or ", FusionKit.Text.TextEncoders.Names)}.");
        using var cancel = EmbedCommand.CancelOnCtrlC();
        if (trainOnly)
        {
            if (image is not null || args.Positional.Count > 0) throw new CliUsageException("--train trains the model only; leave out --image and the question.");
            if (QuestionAnswerer.IsTrained(options)) output.WriteLine($"already trained: {QuestionAnswerer.ModelDirectory(options)}");
            else QuestionAnswerer.Train(options, output, cancel.Token);
            return 0;
        }
        if (image is null) throw new CliUsageException("Give the image with --image PATH.");
        if (args.Positional.Count != 1)
            throw new CliUsageException($"Give one quoted question after the options, e.g. fusionkit ask --image shoe.png \"would i wear this on my feet?\"; got {args.Positional.Count} arguments.");
        var picture = ImageFileDecoder.Decode(image); // a clear error naming the file before any training starts
        using var answerer = QuestionAnswerer.Open(options, trainIfMissing: true, output, cancel.Token);
        var reply = answerer.Ask(picture, args.Positional[0]);
        output.WriteLine($"model: {answerer.Description}");
        output.WriteLine($"question: \"{reply.Question}\"");
        if (reply.Status != AskStatus.Answered)
        {
            output.WriteLine(reply.Message);
            if (reply.NearestQuestion is not null)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(closest known question: \"{reply.NearestQuestion}\", similarity {reply.Similarity:0.00})"));
            return 0;
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"answer: {reply.Answer}  (probability {reply.Probability:0.000})"));
        output.WriteLine("runner-up answers: " + string.Join(", ", reply.RunnerUps.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Answer} {r.Probability:0.000}"))));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"closest trained question: \"{reply.NearestQuestion}\" (similarity {reply.Similarity:0.00})"));
        if (InteractionPictures.Answer(picture, reply) is { } grid)
        {
            var slug = new string(Path.GetFileNameWithoutExtension(image).ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
            var path = Path.Combine(KitPaths.ResultsDirectory(), "ask", $"{slug}-attention.png");
            grid.SavePng(path);
            output.WriteLine($"attention picture: {path}");
        }
        return 0;
    }

    /// <summary>The defaults of <see cref="AskOptions"/>, named once.</summary>
    private static readonly AskOptions AskOptionsDefaults = new();
}
