namespace LostEngine.Pipeline;

/// <summary>How the box is found from the model's outputs.</summary>
public enum LocalizationMethod
{
    /// <summary>LOST on the patch features (spec section 2).</summary>
    Lost = 0,

    /// <summary>The DINO-seg baseline on one head of the CLS attention (spec section 3).</summary>
    DinoSeg = 1,
}

/// <summary>Parsing and naming of <see cref="LocalizationMethod"/>.</summary>
public static class LocalizationMethods
{
    /// <summary>The lower-case name.</summary>
    public static string Name(this LocalizationMethod method) => method switch
    {
        LocalizationMethod.Lost => "lost",
        LocalizationMethod.DinoSeg => "dinoseg",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown method."),
    };

    /// <summary>Parses <c>lost|dinoseg</c> (case-insensitive).</summary>
    /// <exception cref="LostInputException">The value is neither.</exception>
    public static LocalizationMethod Parse(string? value, string inputName = "method") => value?.Trim().ToLowerInvariant() switch
    {
        "lost" => LocalizationMethod.Lost,
        "dinoseg" or "dino-seg" => LocalizationMethod.DinoSeg,
        _ => throw new LostInputException(inputName, $"'{value}' is not one of lost, dinoseg."),
    };
}
