namespace FusionKit.Experiments.Interaction;

/// <summary>What became of a question put to a <see cref="QuestionAnswerer"/>.</summary>
public enum AskStatus
{
    /// <summary>Answered; the answer and its probability are set.</summary>
    Answered,

    /// <summary>Nothing was asked (empty or blank question).</summary>
    Empty,

    /// <summary>The words are mostly not English: the model only knows English questions.</summary>
    NotEnglish,

    /// <summary>English, but about something outside the attribute table (colour, price, brand, ...).</summary>
    OutOfScope,
}
