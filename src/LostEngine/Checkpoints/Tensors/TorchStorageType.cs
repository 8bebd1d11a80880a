namespace LostEngine.Checkpoints;

/// <summary>
/// The element types of PyTorch's legacy storage classes, which <c>torch.save</c> names in every storage's
/// persistent id (<c>torch.FloatStorage</c>, ...). All are recognised, so a training checkpoint whose optimizer or
/// counters hold other types still parses; only the floating-point ones convert exactly to float32 and are read.
/// </summary>
internal enum TorchStorageType
{
    Float,
    Half,
    BFloat16,
    Double,
    Long,
    Int,
    Short,
    Char,
    Byte,
    Bool,
}

internal static class TorchStorageTypes
{
    /// <summary>The class name in <c>torch</c>: <c>FloatStorage</c>, <c>HalfStorage</c>, ...</summary>
    public static string ClassName(this TorchStorageType type) => type + "Storage";

    public static int ElementSize(this TorchStorageType type) => type switch
    {
        TorchStorageType.Double or TorchStorageType.Long => 8,
        TorchStorageType.Float or TorchStorageType.Int => 4,
        TorchStorageType.Half or TorchStorageType.BFloat16 or TorchStorageType.Short => 2,
        TorchStorageType.Char or TorchStorageType.Byte or TorchStorageType.Bool => 1,
        _ => throw new InvalidOperationException($"Unknown storage type {type}."),
    };

    /// <summary>The dtype's name, as torch prints it.</summary>
    public static string DTypeName(this TorchStorageType type) => type switch
    {
        TorchStorageType.Float => "float32",
        TorchStorageType.Half => "float16",
        TorchStorageType.BFloat16 => "bfloat16",
        TorchStorageType.Double => "float64",
        TorchStorageType.Long => "int64",
        TorchStorageType.Int => "int32",
        TorchStorageType.Short => "int16",
        TorchStorageType.Char => "int8",
        TorchStorageType.Byte => "uint8",
        TorchStorageType.Bool => "bool",
        _ => throw new InvalidOperationException($"Unknown storage type {type}."),
    };

    /// <summary>
    /// Whether every value converts to float32 exactly. float64 would round and the integer types are no weights,
    /// so a backbone tensor stored in one is refused rather than silently changed.
    /// </summary>
    public static bool ConvertsExactly(this TorchStorageType type) =>
        type is TorchStorageType.Float or TorchStorageType.Half or TorchStorageType.BFloat16;
}
