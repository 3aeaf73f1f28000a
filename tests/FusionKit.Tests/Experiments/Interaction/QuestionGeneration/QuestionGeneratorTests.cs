using FusionKit.Data;
using FusionKit.Embeddings;
using FusionKit.Experiments.Interaction;
using FusionKit.Experiments.Interaction.QuestionGeneration;

namespace FusionKit.Tests.Experiments.Interaction.QuestionGeneration;

/// <summary>The generated question-answering task: answers right by the attribute table, balanced, deterministic, phrasings kept apart.</summary>
public class QuestionGeneratorTests
{
    private static readonly AttributeTable Table = AttributeTable.LoadDefault();
    private static readonly QuestionTemplates Templates = QuestionTemplates.LoadDefault(Table);
    private static readonly QuestionGenerator Generator = new(Table, Templates);

    /// <summary>Image labels with unequal class sizes (class c has 5 + 3c images), so balance cannot come from the images.</summary>
    private static int[] Labels() => Enumerable.Range(0, 10).SelectMany(c => Enumerable.Repeat(c, 5 + 3 * c)).ToArray();

    [Fact]
    public void DefaultTable_HasTheTenClassesAndTheDocumentedAttributes()
    {
        Assert.Equal(10, Table.Classes.Count);
        Assert.Equal(["footwear", "sleeves", "keeps_warm", "carried"], Table.YesNoAttributes);
        Assert.Equal(["worn_on", "season"], Table.ValueAttributes);
        Assert.Equal("feet", Table.Classes[7].Values["worn_on"]); // sneaker
        Assert.Equal("yes", Table.Classes[9].Values["footwear"]); // ankle boot
        // 10 classes + yes/no + 5 body parts + 3 seasons
        Assert.Equal(10 + 2 + 5 + 3, Table.AnswerVocabulary().Count);
    }

    [Fact]
    public void Generate_AnswersFollowTheAttributeTableForTheImagesClass()
    {
        var labels = Labels();
        foreach (var q in Generator.Generate(labels, 2000, seed: 3))
        {
            var row = Table.Classes[labels[q.Image]];
            var expected = q.Type switch
            {
                QuestionType.What => row.Answer,
                QuestionType.IsClass => q.Subject == labels[q.Image] ? "yes" : "no",
                _ => row.Values[q.Key],
            };
            Assert.Equal(expected, q.Answer);
            if (q.Type == QuestionType.IsClass) Assert.Contains(Table.Classes[q.Subject].Noun, q.Text);
        }
    }

    [Fact]
    public void Generate_BalancesAnswersPerQuestionSoTheQuestionAloneIsChance()
    {
        // 4 types x 40 cycles: what has 10 answers, is-class 20 (class, answer) pairs, yes-no 8, value 8; 3,200 questions
        // hold a whole number of cycles of each (800 per type), so the counts are exact.
        var questions = Generator.Generate(Labels(), 3200, seed: 11);
        foreach (var type in QuestionTypes.All) Assert.Equal(800, questions.Count(q => q.Type == type));
        foreach (var group in questions.Where(q => q.Type is QuestionType.YesNo or QuestionType.IsClass).GroupBy(q => (q.Type, q.Key, q.Subject)))
        {
            // The same question is answered yes exactly as often as no: a question-only model is at 50%.
            Assert.Equal(group.Count(q => q.Answer == "yes"), group.Count(q => q.Answer == "no"));
        }
        foreach (var group in questions.Where(q => q.Type is QuestionType.What or QuestionType.Value).GroupBy(q => q.Key))
        {
            var counts = group.GroupBy(q => q.Answer).Select(g => g.Count()).ToArray();
            Assert.Equal(counts.Min(), counts.Max()); // every answer of the question equally often
        }
    }

    [Fact]
    public void Generate_IsDeterministicBySeed()
    {
        var a = Generator.Generate(Labels(), 500, seed: 5);
        var b = Generator.Generate(Labels(), 500, seed: 5);
        var c = Generator.Generate(Labels(), 500, seed: 6);
        Assert.Equal(a, b);
        Assert.NotEqual(a.Select(q => (q.Image, q.Text)), c.Select(q => (q.Image, q.Text)));
    }

    [Fact]
    public void GeneratePaired_SameDrawsInSeenAndHeldOutWording_NeverSharingAText()
    {
        var (seen, heldOut) = Generator.GeneratePaired(Labels(), 800, seed: 2);
        Assert.Equal(seen.Select(q => (q.Image, q.Type, q.Key, q.Subject, q.Answer)), heldOut.Select(q => (q.Image, q.Type, q.Key, q.Subject, q.Answer)));
        Assert.All(seen, q => Assert.False(q.HeldOut));
        Assert.All(heldOut, q => Assert.True(q.HeldOut));
        var training = Generator.Generate(Labels(), 4000, seed: 0).Select(q => q.Text).ToHashSet();
        Assert.DoesNotContain(heldOut, q => training.Contains(q.Text)); // held-out wordings are never trained on
        Assert.Contains(seen, q => training.Contains(q.Text));
    }

    [Fact]
    public void Generate_WithoutAnImageOfSomeClass_SaysWhichClassIsMissing()
    {
        var labels = Enumerable.Range(0, 9).ToArray(); // no ankle boot
        var error = Assert.Throws<ArgumentException>(() => Generator.Generate(labels, 10, seed: 0));
        Assert.Contains("ankle boot", error.Message);
    }

    [Fact]
    public void ImageRows_KeepTestImagesOutOfTrainingAndValidation()
    {
        var (train, validation, test) = FashionMnistEmbeddings.LoadSplits(RunProfile.Smoke);
        var (trainRows, validationRows) = InteractionData.ImageRows(train.Labels(), validation.Labels(), 10, 50);
        Assert.Equal(500, trainRows.Length);
        var trainIds = trainRows.Select(i => train.Samples[i].Id).ToHashSet();
        var validationIds = validationRows.Select(i => validation.Samples[i].Id).ToHashSet();
        var testIds = test.Samples.Select(s => s.Id).ToHashSet();
        Assert.Empty(trainIds.Intersect(validationIds));
        Assert.Empty(trainIds.Intersect(testIds));
        Assert.Empty(validationIds.Intersect(testIds));
    }

    [Fact]
    public void LoadTemplates_AnUnknownAttribute_NamesFileAndLine()
    {
        using var folder = new TempFolder();
        var path = folder.Write("questions.csv", "type,key,phrasing,template\nwhat,class,seen,what is this?\nyes-no,colour,seen,is it red?\n");
        var error = Assert.Throws<InvalidDataException>(() => QuestionTemplates.Load(path, Table));
        Assert.Contains("line 3", error.Message);
        Assert.Contains("colour", error.Message);
    }

    [Fact]
    public void LoadTable_ARowWithMissingFields_NamesFileAndLine()
    {
        using var folder = new TempFolder();
        var path = folder.Write("attributes.csv", "class,answer,noun,footwear\n0,bag,bag,no\n1,sandal,sandal\n");
        var error = Assert.Throws<InvalidDataException>(() => AttributeTable.Load(path));
        Assert.Contains("line 3", error.Message);
    }
}
