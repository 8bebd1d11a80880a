namespace LostEngine.IO;

/// <summary>The element types <see cref="NpyReader"/> converts to float32.</summary>
public enum NpyElementType
{
    /// <summary>IEEE half precision, numpy 'f2'.</summary>
    Float16 = 2,

    /// <summary>IEEE single precision, numpy 'f4'.</summary>
    Float32 = 4,

    /// <summary>IEEE double precision, numpy 'f8'.</summary>
    Float64 = 8,
}
