using LostEngine.Checkpoints;

namespace LostEngine.Tests.Checkpoints;

/// <summary>
/// The unpickler refuses every global, opcode and call a state dict does not need, and every malformed pickle, with
/// an error naming the file and the byte offset of the opcode at fault; nothing it reads is ever run.
/// </summary>
public sealed class PickleRefusalTests
{
    // PROTO 2 takes the first two bytes; the first opcode a test writes is at offset 2.
    private const int FirstOpcode = 2;

    [Theory]
    [InlineData("os", "system")]
    [InlineData("posix", "system")]
    [InlineData("builtins", "eval")]
    [InlineData("__builtin__", "getattr")]
    [InlineData("subprocess", "Popen")]
    [InlineData("torch", "load")]
    [InlineData("torch._utils", "_rebuild_parameter")]
    [InlineData("collections", "defaultdict")]
    [InlineData("torch.nn.modules.linear", "Linear")]
    public void A_global_outside_the_allowed_few_is_refused_where_it_is_named(string module, string name)
    {
        var pickle = new PickleWriter().Global(module, name).Str("touch /tmp/pwned").TupleOf(1).Reduce().Stop();

        var error = Refused(pickle);

        Assert.Equal(FirstOpcode, error.PickleOffset);
        Assert.Contains($"archive/data.pkl byte 2: refers to the global {module}.{name}, which a state dict never needs", error.Message);
    }

    [Theory]
    [InlineData(0x93, "STACK_GLOBAL")]
    [InlineData('i', "INST")]
    [InlineData('o', "OBJ")]
    [InlineData(0x82, "EXT1")]
    [InlineData(0x92, "NEWOBJ_EX")]
    [InlineData(0x95, "FRAME")]
    [InlineData('B', "BINBYTES")]
    [InlineData(0x8c, "SHORT_BINUNICODE")]
    [InlineData('P', "PERSID")]
    [InlineData('0', "POP")]
    [InlineData('2', "DUP")]
    [InlineData(0x8f, "EMPTY_SET")]
    [InlineData(0x94, "MEMOIZE")]
    [InlineData('T', "BINSTRING")]
    [InlineData(0xff, "0xff (no pickle opcode)")]
    public void An_opcode_torch_save_never_writes_is_refused_by_name(int code, string name)
    {
        var error = Refused(new PickleWriter().Op(code).Raw(new byte[16]).Stop());

        Assert.Equal(FirstOpcode, error.PickleOffset);
        Assert.Contains($"opcode {name} is refused", error.Message);
    }

    [Fact]
    public void Another_protocol_is_refused()
    {
        var error = Refused(new PickleWriter(protocol: 4).EmptyDict().Stop());

        Assert.Equal(0, error.PickleOffset);
        Assert.Contains("PROTO 4: torch.save writes one PROTO 2, at the start", error.Message);
    }

    [Fact]
    public void Reduce_on_a_storage_class_is_refused()
    {
        var error = Refused(new PickleWriter().Global("torch", "FloatStorage").EmptyTuple().Reduce().Stop());

        Assert.Contains("REDUCE calls torch.FloatStorage", error.Message);
    }

    [Fact]
    public void Reduce_of_an_ordered_dict_with_arguments_is_refused()
    {
        var pickle = new PickleWriter().Global("collections", "OrderedDict").EmptyList().TupleOf(1);
        int reduce = pickle.Offset;

        var error = Refused(pickle.Reduce().Stop());

        Assert.Equal(reduce, error.PickleOffset);
        Assert.Contains("REDUCE calls collections.OrderedDict with a tuple of 1", error.Message);
    }

    [Fact]
    public void Reduce_on_a_string_is_refused()
    {
        var error = Refused(new PickleWriter().Str("os.system").EmptyTuple().Reduce().Stop());

        Assert.Contains("REDUCE calls the str 'os.system' with a tuple of 0", error.Message);
    }

    [Fact]
    public void Rebuild_tensor_with_metadata_or_hooks_is_refused()
    {
        var pickle = new PickleWriter().Global("torch._utils", "_rebuild_tensor_v2").Mark()
            .Mark().Str("storage").Global("torch", "FloatStorage").Str("0").Str("cpu").Int(4).Tuple().PersistentId()
            .Int(0).IntTuple([4]).IntTuple([1]).Bool(false).EmptyDict().EmptyDict().Tuple().Reduce().Stop();

        var error = Refused(pickle);

        Assert.Contains("_rebuild_tensor_v2 gets (storage '0', the int 0, a tuple of 1, a tuple of 1, False, a dict of 0, a dict of 0)", error.Message);
    }

    [Fact]
    public void Newobj_of_anything_but_a_namespace_is_refused()
    {
        var error = Refused(new PickleWriter().Global("collections", "OrderedDict").EmptyTuple().NewObj().Stop());

        Assert.Contains("NEWOBJ makes the global collections.OrderedDict", error.Message);
    }

    [Fact]
    public void Build_on_a_tensor_is_refused()
    {
        var pickle = new PickleWriter().Global("torch._utils", "_rebuild_tensor_v2").Mark()
            .Mark().Str("storage").Global("torch", "FloatStorage").Str("0").Str("cpu").Int(4).Tuple().PersistentId()
            .Int(0).IntTuple([4]).IntTuple([1]).Bool(false).Global("collections", "OrderedDict").EmptyTuple().Reduce()
            .Tuple().Reduce().EmptyDict();
        int build = pickle.Offset;

        var error = Refused(pickle.Build().Stop());

        Assert.Equal(build, error.PickleOffset);
        Assert.Contains("BUILD sets the state of a tensor to a dict of 0", error.Message);
    }

    [Fact]
    public void Build_on_a_plain_dict_is_refused()
    {
        var error = Refused(new PickleWriter().EmptyDict().EmptyDict().Build().Stop());

        Assert.Contains("BUILD sets the state of a dict of 0", error.Message);
    }

    [Fact]
    public void Build_of_a_namespace_from_anything_but_one_dict_is_refused()
    {
        var fromTuple = Refused(new PickleWriter().Global("argparse", "Namespace").EmptyTuple().NewObj().EmptyTuple().Build().Stop());
        var twice = Refused(new PickleWriter().Global("argparse", "Namespace").EmptyTuple().NewObj().EmptyDict().Build().EmptyDict().Build().Stop());

        Assert.Contains("BUILD sets the state of an argparse.Namespace to a tuple of 0", fromTuple.Message);
        Assert.Contains("BUILD sets the state of an argparse.Namespace to a dict of 0", twice.Message);
    }

    [Fact]
    public void A_persistent_id_other_than_a_storage_is_refused()
    {
        var error = Refused(new PickleWriter().Mark().Str("module").Str("os").Str("0").Str("cpu").Int(4).Tuple().PersistentId().Stop());

        Assert.Contains("a persistent id is a tuple of 5; torch.save writes ('storage', torch.<Type>Storage, key, location, numel)", error.Message);
    }

    [Fact]
    public void One_storage_named_with_two_types_is_refused()
    {
        var pickle = new PickleWriter().Mark()
            .Mark().Str("storage").Global("torch", "FloatStorage").Str("0").Str("cpu").Int(4).Tuple().PersistentId()
            .Mark().Str("storage").Global("torch", "HalfStorage").Str("0").Str("cpu").Int(8).Tuple().PersistentId()
            .Tuple().Stop();

        var error = Refused(pickle);

        Assert.Contains("storage '0' is named as 4 float32 elements and as 8 float16 elements", error.Message);
    }

    [Fact]
    public void A_storage_of_absurd_size_is_refused_when_it_is_named()
    {
        var error = Refused(new PickleWriter()
            .Mark().Str("storage").Global("torch", "FloatStorage").Str("0").Str("cpu").Int(1L << 62).Tuple().PersistentId().Stop());

        Assert.Contains("storage '0' claims 4611686018427387904 elements", error.Message);
    }

    [Fact]
    public void A_tensor_of_absurd_shape_is_refused_before_anything_is_allocated()
    {
        var pickle = new PickleWriter().Global("torch._utils", "_rebuild_tensor_v2").Mark()
            .Mark().Str("storage").Global("torch", "FloatStorage").Str("0").Str("cpu").Int(4).Tuple().PersistentId()
            .Int(0).IntTuple([int.MaxValue, int.MaxValue]).IntTuple([0, 0]).Bool(false)
            .Global("collections", "OrderedDict").EmptyTuple().Reduce().Tuple().Reduce().Stop();

        var error = Refused(pickle);

        Assert.Contains("a tensor of shape (2147483647, 2147483647) has more elements than one array holds", error.Message);
    }

    public static TheoryData<string, byte[], string> Malformed => new()
    {
        { "pop from an empty stack", new PickleWriter().SetItem().Stop().ToArray(), "pops a value from an empty stack" },
        { "pop past a mark", new PickleWriter().EmptyDict().Mark().Str("k").SetItem().Stop().ToArray(), "pops a value from an empty stack (or past a MARK)" },
        { "tuple without a mark", new PickleWriter().Int(1).Tuple().Stop().ToArray(), "needs a MARK and there is none" },
        { "values left at STOP", new PickleWriter().Int(1).Int(2).Stop().ToArray(), "STOP leaves 1 values and 0 marks behind" },
        { "bytes after STOP", new PickleWriter().Int(1).Stop().Int(2).ToArray(), "2 bytes follow STOP" },
        { "no STOP", new PickleWriter().Int(1).ToArray(), "ends without STOP: the pickle is truncated" },
        { "cut inside an opcode", new PickleWriter().Op('J').Raw(1, 2).ToArray(), "ends inside BININT: the pickle is truncated" },
        { "an unfilled memo slot", new PickleWriter().Get(7).Stop().ToArray(), "reads memo slot 7, which was never filled" },
        { "a str longer than the pickle", new PickleWriter().Op('X').Raw(0xff, 0xff, 0xff, 0x7f).Stop().ToArray(), "a str of 2147483647 bytes, but only 1 bytes remain" },
        { "a str that is no UTF-8", new PickleWriter().Op('X').Raw(2, 0, 0, 0, 0xc3, 0x28).Stop().ToArray(), "a str that is not UTF-8" },
        { "an int beyond 64 bits", new PickleWriter().Op(0x8a).Raw(9, 1, 2, 3, 4, 5, 6, 7, 8, 9).Stop().ToArray(), "an int of 9 bytes, beyond 64 bits" },
        { "a list as a dict key", new PickleWriter().EmptyDict().EmptyList().Int(1).SetItem().Stop().ToArray(), "a dict key is a list of 0; state dict keys are str or int" },
        { "SETITEMS of an odd count", new PickleWriter().EmptyDict().Mark().Str("k").SetItems().Stop().ToArray(), "SETITEMS with 1 values, not key-value pairs" },
        { "APPEND to a dict", new PickleWriter().EmptyDict().Int(1).Append().Stop().ToArray(), "appends to a dict of 0, not a list" },
        { "SETITEM on a list", new PickleWriter().EmptyList().Str("k").Int(1).SetItem().Stop().ToArray(), "sets an item of a list of 0, not a dict" },
        { "a GLOBAL line without end", new PickleWriter().Op('c').Raw(new byte[300]).Stop().ToArray(), "GLOBAL without a newline within 256 bytes" },
        { "an empty pickle", [], "does not start with PROTO" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_pickle_is_refused_naming_the_fault(string what, byte[] pickle, string expected)
    {
        var error = CheckpointBytes.Refused(TorchZip.Checkpoint(pickle));

        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), $"{what}: {error.Message}");
        Assert.NotNull(error.PickleOffset);
    }

    [Fact]
    public void The_stack_limit_holds()
    {
        var pickle = new PickleWriter();
        for (int i = 0; i < 11; i++)
        {
            pickle.Mark();
        }

        var error = CheckpointBytes.Refused(TorchZip.Checkpoint(pickle.Stop().ToArray()), limits: new CheckpointLimits { MaxPickleStack = 10 });

        Assert.Contains("more than 10 values and marks on the stack (the limit)", error.Message);
    }

    [Fact]
    public void The_memo_limit_holds_and_refilling_a_slot_does_not_count()
    {
        var pickle = new PickleWriter().EmptyList().Put(0).Put(0).Put(1).Put(1).Put(2).Stop();

        var error = CheckpointBytes.Refused(TorchZip.Checkpoint(pickle.ToArray()), limits: new CheckpointLimits { MaxPickleMemo = 2 });

        Assert.Contains("fills more than 2 memo slots (the limit)", error.Message);
        Assert.Equal(pickle.Offset - 3, error.PickleOffset);
    }

    [Fact]
    public void Deep_nesting_runs_without_recursion()
    {
        const int depth = 200_000;
        var pickle = new PickleWriter();
        for (int i = 0; i < depth; i++)
        {
            pickle.EmptyList();
        }
        for (int i = 1; i < depth; i++)
        {
            pickle.Append();
        }

        var error = CheckpointBytes.Refused(TorchZip.Checkpoint(pickle.Stop().ToArray()));

        Assert.Equal("holds a list of 1, not a state dict.", error.Problem);
    }

    private static CheckpointFormatException Refused(PickleWriter pickle) => CheckpointBytes.Refused(TorchZip.Checkpoint(pickle.ToArray()));
}
