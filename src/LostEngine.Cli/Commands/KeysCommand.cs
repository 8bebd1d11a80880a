using System.CommandLine;
using System.Diagnostics;
using LostEngine.Cli.Keys;
using LostEngine.IO;
using LostEngine.Kernel;
using LostEngine.Pipeline;

namespace LostEngine.Cli.Commands;

/// <summary>
/// <c>lost keys KEYS.npy --grid ROWSxCOLS [--method lost|tokencut|maskcut]</c>: one method on keys saved from a ViT,
/// one JSON object on stdout.
/// </summary>
internal static class KeysCommand
{
    internal static Command Create()
    {
        var keys = new Argument<string>("keys") { Description = "A .npy file of float32/16/64 keys, shape (N, d), (1, N, d), or (1, N+1, d) with --drop-cls." };
        var grid = new Option<string>("--grid") { HelpName = "ROWSxCOLS", Description = "The padded patch grid, ROWSxCOLS (N = rows·cols).", Required = true };
        var patch = new Option<int>("--patch") { Description = "Pixels per patch cell.", DefaultValueFactory = _ => 16 };
        var imageSize = new Option<string?>("--image-size") { HelpName = "HxW", Description = "The image before padding, HxW in pixels (default: the padded grid)." };
        var method = new Option<string>("--method") { HelpName = "lost|tokencut|maskcut", Description = "The method to run on the keys.", DefaultValueFactory = _ => "lost" };
        var k = new Option<int>("--k") { Description = "lost: potentials kept for the seed expansion.", DefaultValueFactory = _ => LostParameters.DefaultKPatches };
        var ncut = new NcutOptionArguments();
        var details = new Option<bool>("--details")
        {
            Description = "Also print the per-patch details: lost's degrees, similars and component; tokencut's partition, component and eigenvector; maskcut's rounds.",
        };
        var dropCls = new Option<bool>("--drop-cls") { Description = "The first of N+1 rows is the CLS token; skip it." };
        var kernel = new KernelOptionArguments();

        var command = new Command("keys", "Run LOST, TokenCut or MaskCut on saved patch keys and print the result as JSON.");
        command.Arguments.Add(keys);
        command.Options.Add(grid);
        command.Options.Add(patch);
        command.Options.Add(imageSize);
        command.Options.Add(method);
        command.Options.Add(k);
        ncut.AddTo(command);
        command.Options.Add(details);
        command.Options.Add(dropCls);
        kernel.AddTo(command);

        command.SetAction(parseResult => CommandErrors.Run(parseResult, r =>
        {
            string path = r.GetValue(keys)!;
            var chosen = ParseMethod(r.GetValue(method));
            MethodOptionRules.RejectInapplicable(r, chosen, [new(k, LocalizationMethod.Lost), .. ncut.Rules]);
            var cells = SizeArgument.Parse(r.GetValue(grid)!, "--grid", "ROWSxCOLS");
            int patchSize = r.GetValue(patch);
            if (patchSize < 1)
            {
                throw new LostInputException("--patch", $"must be at least 1, got {patchSize}.");
            }
            GridLimits.Check(cells, patchSize, "--grid", "--patch");
            var image = r.GetValue(imageSize) is { } text
                ? SizeArgument.Parse(text, "--image-size", "HxW")
                : new SizeArgument(cells.First * patchSize, cells.Second * patchSize);
            var patchGrid = PatchGrid.ForVit(cells.First, cells.Second, patchSize, image.First, image.Second);
            var lost = LostParameters.ForVit(cells.First, cells.Second, patchSize, image.First, image.Second, r.GetValue(k));
            var tokenCut = ncut.TokenCut(r, patchGrid);
            var maskCut = ncut.MaskCut(r, patchGrid);
            // Before the file is read, so a bad option is reported whatever the file holds.
            OptionNames.Check(chosen switch
            {
                LocalizationMethod.Lost => lost.Validate,
                LocalizationMethod.TokenCut => tokenCut.Validate,
                LocalizationMethod.MaskCut => maskCut.Validate,
                _ => throw new UnreachableException($"keys does not run {chosen}."),
            });
            var options = kernel.Read(r);

            var array = NpyReader.Read(path);
            var (offset, dim) = KeysLayout.Fit(array, path, cells.First, cells.Second, r.GetValue(dropCls));
            var values = array.Values.AsSpan(offset, patchGrid.PatchCount * dim);
            var output = r.InvocationConfiguration.Output;
            bool withDetails = r.GetValue(details);
            try
            {
                switch (chosen)
                {
                    case LocalizationMethod.Lost:
                        LostKeysOutput.Run(values, dim, lost, options, withDetails, output);
                        break;
                    case LocalizationMethod.TokenCut:
                        TokenCutKeysOutput.Run(values, dim, tokenCut, options, withDetails, output);
                        break;
                    case LocalizationMethod.MaskCut:
                        MaskCutKeysOutput.Run(values, dim, maskCut, options, withDetails, output);
                        break;
                    default:
                        throw new UnreachableException($"keys does not run {chosen}.");
                }
            }
            catch (LostInputException e) when (e.InputName == "keys")
            {
                throw new LostInputException(path, e.Problem, e);
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    private static LocalizationMethod ParseMethod(string? text)
    {
        var method = LocalizationMethods.Parse(text, "--method");
        return method != LocalizationMethod.DinoSeg
            ? method
            : throw new LostInputException("--method", "dinoseg reads the CLS attention, which a keys file does not hold; keys runs lost, tokencut or maskcut.");
    }
}
