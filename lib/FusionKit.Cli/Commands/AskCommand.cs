using System.CommandLine;
using System.Globalization;
using FusionKit.Data;
using FusionKit.Experiments.Interaction;
using FusionKit.Models.Fusion;
using FusionKit.Runs;
using FusionKit.Speech;
using FusionKit.Text;

namespace FusionKit.Cli.Commands;

/// <summary>`fusionkit ask --image PATH "question"`: one question about one image (<see cref="QuestionAnswerer"/>).</summary>
public sealed class AskCommand : CliCommand
{
    private static readonly AskOptions Defaults = new();

    private readonly Argument<string?> _question = new("question")
    {
        Description = "the question, quoted, e.g. \"would i wear this on my feet?\"",
        Arity = ArgumentArity.ZeroOrOne,
    };
    private readonly Option<string?> _audio = new("--audio")
    {
        Description = "a WAV file holding the spoken question, instead of typing it (default: none; needs pocketsphinx)",
        HelpName = "FILE",
    };
    private readonly Option<bool> _generic = new("--generic-speech")
    {
        Description = "recognise --audio with pocketsphinx's generic language model instead of the grammar of the known questions (default: off)",
    };
    private readonly Option<int?> _speechCheck = new Option<int?>("--speech-check")
    {
        Description = "instead of a question: speak N generated test questions with espeak-ng, recognise them with the grammar and the generic model, and compare answer accuracy with typed questions (default: off)",
        HelpName = "N",
    }.InRange(1, 1000);
    private readonly Option<string?> _image = new("--image") { Description = "the image file (PNG, JPEG, BMP, GIF, TIFF, WebP, ...) (default: none; required unless --train)", HelpName = "PATH" };
    private readonly Option<string> _method = new Option<string>("--method") { Description = "fusion method of the answer model", DefaultValueFactory = _ => Defaults.Method }
        .OneOf(FusionMethods.Names.Where(m => m != FusionMethods.Late));
    private readonly Option<string> _encoder = new Option<string>("--encoder") { Description = "question encoder", DefaultValueFactory = _ => Defaults.Encoder }.OneOf(TextEncoders.Names);
    private readonly Option<string> _profile = new Option<string>("--model-profile")
    {
        Description = "the profile whose generated questions train the answer model (smoke: a minute or two; default: 10,000 training images, longer)",
        HelpName = string.Join("|", RunProfile.All.Keys),
        DefaultValueFactory = _ => Defaults.Profile.Name,
    }.OneOf(RunProfile.All.Keys);
    private readonly Option<bool> _train = new("--train") { Description = "only train (or find) the answer model; no image or question (default: off)" };
    private readonly Option<int> _threads = CommonOptions.Threads();
    private readonly Option<string> _device = CommonOptions.Device();
    private readonly Option<string?> _out = CommonOptions.Out();

    public AskCommand() : base("ask", "Ask a question about an image of your own (\"is this something you wear on your feet?\"); answered by a fusion model.")
    {
        Add(_question);
        Add(_image);
        Add(_audio);
        Add(_generic);
        Add(_speechCheck);
        Add(_method);
        Add(_encoder);
        Add(_profile);
        Add(_train);
        Add(_threads);
        Add(_device);
        Add(_out);
    }

    public override string Details => """
        Decodes the image, embeds it with ResNet18 and the question with the question encoder, and prints the answer,
        its probability and the runner-up answers. A cross-attention model also writes where the question looked (the
        image under its 7x7 attention map) under --out/ask/. The model is trained on generated questions about
        Fashion-MNIST (28x28 grayscale items on black) the first time it is needed, with progress, then cached; an
        interrupted training resumes. Photographs of one's own are a different domain: expect weaker answers.
        Empty, non-English-looking and out-of-scope questions get a reply saying so instead of a guess.
        """;

    public override bool Resumable => true;

    public override int Run(ParseResult parse, CliContext context)
    {
        var device = CommonOptions.ResolveDevice(parse, _device);
        var output = context.Output;
        var options = new AskOptions
        {
            Method = parse.GetValue(_method)!,
            Encoder = parse.GetValue(_encoder)!,
            Profile = RunProfile.Named(parse.GetValue(_profile)!),
            Threads = parse.GetValue(_threads),
            Device = device,
        };
        var image = parse.GetValue(_image);
        var question = parse.GetValue(_question);
        var audio = parse.GetValue(_audio);
        if (parse.GetValue(_train))
        {
            if (image is not null || question is not null || audio is not null) throw new CliUsageException("--train trains the model only; leave out --image and the question.");
            if (QuestionAnswerer.IsTrained(options)) output.WriteLine($"already trained: {QuestionAnswerer.ModelDirectory(options)}");
            else QuestionAnswerer.Train(options, output, context.Cancel);
            return 0;
        }
        if (parse.GetValue(_speechCheck) is { } count)
        {
            if (image is not null || question is not null || audio is not null) throw new CliUsageException("--speech-check uses generated test questions; leave out --image, --audio and the question.");
            using var checker = QuestionAnswerer.Open(options, trainIfMissing: true, output, context.Cancel);
            var folder = RunFolder.Create("speech-check", options.Profile.Name, CommonOptions.ResultsRoot(parse, _out)).Path;
            try
            {
                var check = SpokenAnswerCheck.Run(checker, new EspeakSynthesizer(), new PocketSphinxTranscriber(), count, folder, output, context.Cancel);
                output.Write(check.ToText());
                check.Speech.WriteCsv(Path.Combine(folder, "spoken-questions.csv"));
            }
            catch (SpeechException e)
            {
                throw new InvalidDataException(e.Message, e);
            }
            output.WriteLine($"results: {folder}");
            return 0;
        }
        if (image is null) throw new CliUsageException("Give the image with --image PATH.");
        if (question is not null && audio is not null) throw new CliUsageException("Give the question either typed or as --audio FILE, not both.");
        if (question is null && audio is null)
            throw new CliUsageException("Give the question after the options, quoted, e.g. fusionkit ask --image shoe.png \"would i wear this on my feet?\", or spoken with --audio FILE.wav.");
        var picture = ImageFileDecoder.Decode(image); // a clear error naming the file before any training starts
        using var answerer = QuestionAnswerer.Open(options, trainIfMissing: true, output, context.Cancel);
        output.WriteLine($"model: {answerer.Description}");
        AskAnswer reply;
        if (audio is null)
        {
            reply = answerer.Ask(picture, question!);
        }
        else
        {
            var generic = parse.GetValue(_generic);
            try
            {
                var (spoken, transcript) = answerer.AskSpoken(picture, audio, new PocketSphinxTranscriber(), useGrammar: !generic, context.Cancel);
                reply = spoken;
                if (transcript is not null)
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"heard ({(generic ? "generic language model" : "grammar of the known questions")}, {transcript.ElapsedSeconds:0.0} s): \"{transcript.Text}\""));
            }
            catch (SpeechException e)
            {
                throw new InvalidDataException(e.Message, e); // tool missing, unreadable audio: the message names the file or program
            }
        }
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
            var path = Path.Combine(RunFolder.Create("ask", options.Profile.Name, CommonOptions.ResultsRoot(parse, _out)).Path, $"{slug}-attention.png");
            grid.SavePng(path);
            output.WriteLine($"attention picture: {path}");
        }
        return 0;
    }
}
