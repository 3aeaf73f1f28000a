namespace FusionKit.Models.Interaction;

/// <summary>Which of the looked-up rows a <see cref="PairLookupClassifier"/> hands to its inner model.</summary>
public enum PairInputs
{
    /// <summary>Both: the inner model fuses (image, question).</summary>
    Both,

    /// <summary>The image row alone (the image-only baseline).</summary>
    ImageOnly,

    /// <summary>The question row alone, in the inner model's image slot (the question-only baseline).</summary>
    QuestionOnly,
}
