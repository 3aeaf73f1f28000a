namespace FusionKit.Text;

/// <summary>
/// The Fashion-MNIST class names (zalandoresearch/fashion-mnist README, labels 0-9) and a short description of
/// each, written for this kit. Their words are guaranteed to be in the kit's default word-vector file.
/// </summary>
public static class FashionMnistLabelText
{
    /// <summary>Class names in label order 0..9, spelled as in the dataset's README.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>One short description per class, in label order.</summary>
    public static IReadOnlyList<string> Descriptions { get; } =
    [
        "a short-sleeved cotton t-shirt or casual top worn on the upper body",
        "a pair of long trousers or pants covering both legs",
        "a knitted pullover sweater or jumper with long sleeves",
        "a one-piece dress or gown worn by women and girls",
        "a warm coat or jacket worn outdoors over other clothes",
        "an open summer sandal with straps, worn on the foot",
        "a button-down shirt with a collar and sleeves",
        "a sneaker, a sports shoe or trainer with a rubber sole",
        "a bag, handbag or purse carried by hand or on the shoulder",
        "an ankle boot, a shoe that covers the foot and the ankle",
    ];
}
