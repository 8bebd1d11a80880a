namespace LostEngine;

/// <summary>
/// Base of every error caused by what a caller handed in (keys, images, files, options, models).
/// Hosts catch this one type to tell "your input is wrong" from a fault of the engine or the machine;
/// the command-line tool maps it to exit code 2.
/// </summary>
public class LostInputException : ArgumentException
{
    /// <summary>Creates the error for the named input.</summary>
    /// <param name="inputName">The input that is wrong (a parameter, option, file or field name).</param>
    /// <param name="message">What is wrong with it, in plain words.</param>
    public LostInputException(string inputName, string message)
        : base($"{inputName}: {message}", inputName)
    {
        InputName = inputName;
        Problem = message;
    }

    /// <summary>Creates the error for the named input, keeping the error that revealed it.</summary>
    public LostInputException(string inputName, string message, Exception inner)
        : base($"{inputName}: {message}", inputName, inner)
    {
        InputName = inputName;
        Problem = message;
    }

    /// <summary>The input that is wrong.</summary>
    public string InputName { get; }

    /// <summary>What is wrong with it, without the input's name.</summary>
    public string Problem { get; }

    /// <inheritdoc />
    public override string Message => $"{InputName}: {Problem}";
}
