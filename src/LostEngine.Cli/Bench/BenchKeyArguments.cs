using System.CommandLine;
using LostEngine.Diagnostics;
using LostEngine.IO;

namespace LostEngine.Cli.Bench;

/// <summary>
/// The options that choose the keys a <c>lost bench</c> command times its method on: synthetic keys of a size
/// (<c>--n</c>, <c>--d</c>, <c>--grid</c>, <c>--keys-kind</c>, <c>--objects</c>) or a keys file (<c>--keys</c> with
/// <c>--grid</c>, <c>--drop-cls</c> as in <c>lost keys</c>), and <c>--save-keys</c> to write them out, e.g. for
/// the PyTorch baselines to time the reference on the very same keys.
/// </summary>
internal sealed class BenchKeyArguments
{
    private const int DefaultObjects = 2;

    private readonly SyntheticKeyKind _defaultKind;

    public BenchKeyArguments(SyntheticKeyKind defaultKind)
    {
        _defaultKind = defaultKind;
        KeysKind = new Option<string>("--keys-kind")
        {
            HelpName = "gaussian|objects",
            Description = "Synthetic keys: gaussian (mean plus noise) or objects (a smooth background with planted objects).",
            DefaultValueFactory = _ => KindName(defaultKind),
        };
    }

    public Option<int> N { get; } = new("--n") { Description = "Patches N of synthetic keys (grid: the most square factorisation, unless --grid).", DefaultValueFactory = _ => 1200 };

    public Option<int> Dim { get; } = new("--d") { Description = "Key width d of synthetic keys.", DefaultValueFactory = _ => 384 };

    public Option<string?> Grid { get; } = new("--grid") { HelpName = "ROWSxCOLS", Description = "The patch grid; required with --keys." };

    public Option<string?> Keys { get; } = new("--keys")
    {
        HelpName = "KEYS.npy",
        Description = "Time on these keys instead of synthetic ones: float32/16/64, shape (N, d), (1, N, d), or (1, N+1, d) with --drop-cls.",
    };

    public Option<bool> DropCls { get; } = new("--drop-cls") { Description = "With --keys: the first of N+1 rows is the CLS token; skip it." };

    public Option<string> KeysKind { get; }

    public Option<int> Objects { get; } = new("--objects") { Description = "Objects planted in --keys-kind objects keys.", DefaultValueFactory = _ => DefaultObjects };

    public Option<string?> SaveKeys { get; } = new("--save-keys") { HelpName = "FILE.npy", Description = "Also write the keys timed (float32, N x d) to this file." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { N, Dim, Grid, Keys, DropCls, KeysKind, Objects, SaveKeys })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Makes or reads the keys.</summary>
    /// <exception cref="LostInputException">An option is out of range, options contradict each other, or the file does not fit the grid.</exception>
    public BenchKeys Read(ParseResult parseResult)
    {
        var grid = parseResult.GetValue(Grid) is { } text ? SizeArgument.Parse(text, "--grid", "ROWSxCOLS") : (SizeArgument?)null;
        if (grid is { } cells)
        {
            GridLimits.Check(cells, BenchKeys.PatchSize, "--grid", "--grid");
        }
        return parseResult.GetValue(Keys) is { } path ? FromFile(parseResult, path, grid) : Synthetic(parseResult, grid);
    }

    /// <summary>Writes <paramref name="keys"/> where <c>--save-keys</c> says, if it was given; call it once every option is checked.</summary>
    /// <exception cref="LostInputException">The file cannot be written.</exception>
    public void SaveIfAsked(ParseResult parseResult, BenchKeys keys)
    {
        if (parseResult.GetValue(SaveKeys) is not { } path)
        {
            return;
        }
        try
        {
            NpyWriter.WriteFloat32(path, keys.Values, [keys.N, keys.Dim]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LostInputException("--save-keys", $"cannot write {path}: {e.Message}", e);
        }
    }

    private BenchKeys FromFile(ParseResult parseResult, string path, SizeArgument? grid)
    {
        foreach (var option in new Option[] { N, Dim, KeysKind, Objects })
        {
            if (OptionChecks.IsGiven(parseResult, option))
            {
                throw new LostInputException(option.Name, "cannot be used with --keys: the keys come from the file.");
            }
        }
        if (grid is not { } cells)
        {
            throw new LostInputException("--grid", "is required with --keys: a keys file does not say its grid.");
        }
        var array = NpyReader.Read(path);
        var (offset, dim) = KeysLayout.Fit(array, path, cells.First, cells.Second, parseResult.GetValue(DropCls));
        var values = array.Values.AsSpan(offset, cells.First * cells.Second * dim).ToArray();
        return new BenchKeys(values, cells.First, cells.Second, dim, path);
    }

    private BenchKeys Synthetic(ParseResult parseResult, SizeArgument? grid)
    {
        if (parseResult.GetValue(DropCls))
        {
            throw new LostInputException("--drop-cls", "applies only to --keys.");
        }
        int n = OptionChecks.AtLeast(parseResult.GetValue(N), 1, "--n");
        int dim = OptionChecks.AtLeast(parseResult.GetValue(Dim), 1, "--d");
        var (rows, cols) = grid is { } cells ? (cells.First, cells.Second) : NearSquareGrid(n);
        if (OptionChecks.IsGiven(parseResult, N) && n != (long)rows * cols)
        {
            throw new LostInputException("--n", $"{n} is not the {rows * (long)cols} patches of --grid {rows}x{cols}; give one of them.");
        }
        string sizeOption = grid is null ? "--n" : "--grid";
        if (grid is null)
        {
            GridLimits.Check(new SizeArgument(rows, cols), BenchKeys.PatchSize, sizeOption, sizeOption);
        }
        // Checked before the keys are made, so a size no array can hold costs no allocation.
        long values = (long)rows * cols * dim;
        if (values > Array.MaxLength)
        {
            throw new LostInputException(sizeOption,
                $"{(long)rows * cols} patches of {dim}-wide keys (--d) are {values} values; one array holds at most {Array.MaxLength}.");
        }
        var kind = ParseKind(parseResult.GetValue(KeysKind) ?? KindName(_defaultKind));
        if (kind == SyntheticKeyKind.Gaussian)
        {
            if (OptionChecks.IsGiven(parseResult, Objects))
            {
                throw new LostInputException("--objects", "applies only to --keys-kind objects.");
            }
            return new BenchKeys(SyntheticKeys.Gaussian(checked(rows * cols), dim), rows, cols, dim, $"gaussian, seed {SyntheticKeys.DefaultSeed}");
        }
        int objects = OptionChecks.AtLeast(parseResult.GetValue(Objects), 0, "--objects");
        try
        {
            var scene = SyntheticKeys.WithObjects(rows, cols, dim, objects);
            return new BenchKeys(scene.Keys, rows, cols, dim, $"{objects} object{(objects == 1 ? "" : "s")}, seed {SyntheticKeys.DefaultSeed}");
        }
        catch (LostInputException e) when (e.InputName == "objects")
        {
            throw new LostInputException("--objects", e.Problem, e);
        }
    }

    // Synthetic keys need a grid for the methods' components and boxes; the most square factorisation of N is a
    // realistic one (1200 → 30x40, 4800 → 60x80).
    private static (int Rows, int Cols) NearSquareGrid(int n)
    {
        int rows = (int)Math.Sqrt(n);
        while (n % rows != 0)
        {
            rows--;
        }
        return (rows, n / rows);
    }

    private static SyntheticKeyKind ParseKind(string text) => text.Trim().ToLowerInvariant() switch
    {
        "gaussian" => SyntheticKeyKind.Gaussian,
        "objects" => SyntheticKeyKind.Objects,
        _ => throw new LostInputException("--keys-kind", $"'{text}' is not one of gaussian, objects."),
    };

    private static string KindName(SyntheticKeyKind kind) => kind.ToString().ToLowerInvariant();
}
