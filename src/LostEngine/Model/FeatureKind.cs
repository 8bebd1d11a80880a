namespace LostEngine.Model;

/// <summary>Which part of the last block's <c>qkv</c> projection feeds LOST (spec section 5; the paper uses keys).</summary>
public enum FeatureKind
{
    /// <summary>Keys, the reference's default.</summary>
    K = 0,

    /// <summary>Queries.</summary>
    Q = 1,

    /// <summary>Values.</summary>
    V = 2,
}

/// <summary>Parsing and naming of <see cref="FeatureKind"/> and the model output each reads.</summary>
public static class FeatureKinds
{
    /// <summary>The model output that holds this feature.</summary>
    public static string OutputName(this FeatureKind kind) => kind switch
    {
        FeatureKind.K => ModelContract.KeysOutput,
        FeatureKind.Q => ModelContract.QueriesOutput,
        FeatureKind.V => ModelContract.ValuesOutput,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown feature kind."),
    };

    /// <summary>The outputs to bind to read this feature.</summary>
    public static ModelOutputs Output(this FeatureKind kind) => kind switch
    {
        FeatureKind.K => ModelOutputs.K,
        FeatureKind.Q => ModelOutputs.Q,
        FeatureKind.V => ModelOutputs.V,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown feature kind."),
    };

    /// <summary>Parses <c>k|q|v</c> (case-insensitive).</summary>
    /// <exception cref="LostInputException">The value is none of them.</exception>
    public static FeatureKind Parse(string? value, string inputName = "features") => value?.Trim().ToLowerInvariant() switch
    {
        "k" => FeatureKind.K,
        "q" => FeatureKind.Q,
        "v" => FeatureKind.V,
        _ => throw new LostInputException(inputName, $"'{value}' is not one of k, q, v."),
    };
}
