namespace LostEngine.Tests.Fuzzing;

/// <summary>
/// One fuzzed file: the bytes, and how they were made, so that a failing case can be rebuilt and shrunk by hand.
/// One subtype per kind of file, since FsCheck picks a generator by the property's parameter type.
/// </summary>
public abstract record FuzzInput(string HowMade, byte[] Bytes)
{
    public sealed override string ToString()
    {
        var head = Bytes.AsSpan(0, Math.Min(Bytes.Length, 160));
        return $"{HowMade}; {Bytes.Length} bytes, starting {Convert.ToHexString(head)}";
    }
}

/// <summary>A .npy file whose header dict was generated.</summary>
public sealed record NpyHeaderInput(string HowMade, byte[] Bytes) : FuzzInput(HowMade, Bytes);

/// <summary>A valid .npy file with a few bytes changed.</summary>
public sealed record NpyFileInput(string HowMade, byte[] Bytes) : FuzzInput(HowMade, Bytes);

/// <summary>An encoded image with a few bytes changed.</summary>
public sealed record ImageInput(string HowMade, byte[] Bytes) : FuzzInput(HowMade, Bytes);

/// <summary>A COCO annotations file, generated or mutated.</summary>
public sealed record CocoInput(string HowMade, byte[] Bytes) : FuzzInput(HowMade, Bytes);

/// <summary>A checkpoint fixture's bytes with a few bytes changed.</summary>
public sealed record CheckpointFileInput(string HowMade, byte[] Bytes) : FuzzInput(HowMade, Bytes);

/// <summary>A checkpoint fixture whose data.pkl had a few bytes changed, in an otherwise intact archive.</summary>
public sealed record CheckpointPickleInput(string HowMade, byte[] Bytes) : FuzzInput(HowMade, Bytes);
