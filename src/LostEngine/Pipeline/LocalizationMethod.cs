namespace LostEngine.Pipeline;

/// <summary>How the box is found from the model's outputs.</summary>
public enum LocalizationMethod
{
    /// <summary>LOST on the patch features (spec section 2).</summary>
    Lost = 0,

    /// <summary>The DINO-seg baseline on one head of the CLS attention (spec section 3).</summary>
    DinoSeg = 1,

    /// <summary>TokenCut: the normalized cut of the patch graph (ncut-spec section 1).</summary>
    TokenCut = 2,

    /// <summary>MaskCut: TokenCut repeated, several objects per image (ncut-spec section 2).</summary>
    MaskCut = 3,
}

/// <summary>Parsing and naming of <see cref="LocalizationMethod"/>.</summary>
public static class LocalizationMethods
{
    /// <summary>The names <see cref="Parse"/> accepts, in the order help texts list them.</summary>
    public const string Choices = "lost, tokencut, maskcut, dinoseg";

    /// <summary>The lower-case name.</summary>
    public static string Name(this LocalizationMethod method) => method switch
    {
        LocalizationMethod.Lost => "lost",
        LocalizationMethod.DinoSeg => "dinoseg",
        LocalizationMethod.TokenCut => "tokencut",
        LocalizationMethod.MaskCut => "maskcut",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown method."),
    };

    /// <summary>Whether the method reads the patch features (<see cref="LocalizerOptions.Features"/>) rather than the CLS attention.</summary>
    public static bool ReadsFeatures(this LocalizationMethod method) => method != LocalizationMethod.DinoSeg;

    /// <summary>Whether the method cuts the patch graph (TokenCut, MaskCut), so tau and eps apply.</summary>
    public static bool IsNormalizedCut(this LocalizationMethod method) => method is LocalizationMethod.TokenCut or LocalizationMethod.MaskCut;

    /// <summary>Parses <c>lost|tokencut|maskcut|dinoseg</c> (case-insensitive).</summary>
    /// <exception cref="LostInputException">The value is none of them.</exception>
    public static LocalizationMethod Parse(string? value, string inputName = "method") => value?.Trim().ToLowerInvariant() switch
    {
        "lost" => LocalizationMethod.Lost,
        "dinoseg" or "dino-seg" => LocalizationMethod.DinoSeg,
        "tokencut" => LocalizationMethod.TokenCut,
        "maskcut" => LocalizationMethod.MaskCut,
        _ => throw new LostInputException(inputName, $"'{value}' is not one of {Choices}."),
    };
}
