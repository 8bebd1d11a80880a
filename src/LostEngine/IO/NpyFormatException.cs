namespace LostEngine.IO;

/// <summary>
/// A .npy file that cannot be read as the array its header promises: the message names the file and the
/// exact problem (bad magic, unsupported version or dtype, a header that lies about the data, ...).
/// </summary>
public sealed class NpyFormatException : LostInputException
{
    /// <summary>Creates the error for the named file.</summary>
    /// <param name="source">The file (or stream) name as the caller gave it.</param>
    /// <param name="message">What is wrong with it, starting with the kind of problem; control characters quoted from
    /// the file are escaped, so the message stays one line whatever the header holds.</param>
    public NpyFormatException(string source, string message)
        : base(source, PrintableText.Escape(message))
    {
    }
}
