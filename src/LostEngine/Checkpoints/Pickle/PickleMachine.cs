using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace LostEngine.Checkpoints;

/// <summary>
/// A strict unpickler for the <c>data.pkl</c> of a <c>torch.save</c> archive. It runs the opcodes of
/// <see cref="PickleOpcode"/> in one loop over an explicit stack (no recursion, whatever the nesting), resolves
/// only the globals of <see cref="PickleGlobal"/>, and interprets the three calls a state dict makes itself:
/// <c>OrderedDict()</c>, <c>_rebuild_tensor_v2(...)</c> and <c>argparse.Namespace</c>'s NEWOBJ and BUILD. Nothing is
/// looked up by a name from the file, so no file can run code; anything else is a
/// <see cref="CheckpointFormatException"/> naming the opcode and its byte offset.
/// </summary>
internal sealed class PickleMachine
{
    private const int MaxGlobalLineBytes = 256;
    private const int MaxTensorRank = 16;
    private const int TorchSaveProtocol = 2;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly byte[] _pickle;
    private readonly string _source;
    private readonly string _entry;
    private readonly CheckpointLimits _limits;
    private readonly List<object?> _stack = [];
    private readonly List<int> _marks = [];
    private readonly Dictionary<uint, object?> _memo = [];
    private readonly Dictionary<string, StorageReference> _storages = [];
    private int _position;
    private int _opcodeOffset;

    private PickleMachine(byte[] pickle, string source, string entry, CheckpointLimits limits)
    {
        _pickle = pickle;
        _source = source;
        _entry = entry;
        _limits = limits;
    }

    /// <summary>The object the pickle describes: its whole byte range must be one pickle ending in STOP.</summary>
    /// <param name="pickle">The bytes of <c>data.pkl</c>.</param>
    /// <param name="source">The checkpoint's name, for errors.</param>
    /// <param name="entry">The entry's name in the archive, for errors.</param>
    /// <param name="limits">The stack and memo bounds.</param>
    public static object? Load(byte[] pickle, string source, string entry, CheckpointLimits limits) =>
        new PickleMachine(pickle, source, entry, limits).Run();

    private object? Run()
    {
        if (_pickle.Length == 0 || _pickle[0] != (byte)PickleOpcode.Proto)
        {
            throw Fail("does not start with PROTO: torch.save writes pickle protocol 2.");
        }
        while (true)
        {
            _opcodeOffset = _position;
            byte code = ReadByte();
            switch ((PickleOpcode)code)
            {
                case PickleOpcode.Proto:
                    int protocol = ReadByte();
                    if (_opcodeOffset != 0 || protocol != TorchSaveProtocol)
                    {
                        throw Fail(string.Create(CultureInfo.InvariantCulture,
                            $"PROTO {protocol}: torch.save writes one PROTO 2, at the start."));
                    }
                    break;
                case PickleOpcode.Stop:
                    return Finish();
                case PickleOpcode.Mark:
                    CheckRoom();
                    _marks.Add(_stack.Count);
                    break;
                case PickleOpcode.None:
                    Push(null);
                    break;
                case PickleOpcode.NewTrue:
                    Push(true);
                    break;
                case PickleOpcode.NewFalse:
                    Push(false);
                    break;
                case PickleOpcode.BinInt:
                    Push((long)BinaryPrimitives.ReadInt32LittleEndian(Read(4)));
                    break;
                case PickleOpcode.BinInt1:
                    Push((long)ReadByte());
                    break;
                case PickleOpcode.BinInt2:
                    Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Read(2)));
                    break;
                case PickleOpcode.Long1:
                    Push(ReadLong1());
                    break;
                case PickleOpcode.BinFloat:
                    Push(BinaryPrimitives.ReadDoubleBigEndian(Read(8)));
                    break;
                case PickleOpcode.BinUnicode:
                    Push(ReadString());
                    break;
                case PickleOpcode.EmptyTuple:
                    Push(PickleTuple.Empty);
                    break;
                case PickleOpcode.EmptyList:
                    Push(new PickleList());
                    break;
                case PickleOpcode.EmptyDict:
                    Push(new PickleDict(isOrderedDict: false));
                    break;
                case PickleOpcode.Tuple:
                    Push(new PickleTuple(PopToMark()));
                    break;
                case PickleOpcode.Tuple1:
                case PickleOpcode.Tuple2:
                case PickleOpcode.Tuple3:
                    Push(new PickleTuple(PopMany(code - (byte)PickleOpcode.Tuple1 + 1)));
                    break;
                case PickleOpcode.Append:
                    var item = Pop();
                    PeekList().Items.Add(item);
                    break;
                case PickleOpcode.Appends:
                    var items = PopToMark();
                    PeekList().Items.AddRange(items);
                    break;
                case PickleOpcode.SetItem:
                    var value = Pop();
                    var key = Pop();
                    SetItem(PeekDict(), key, value);
                    break;
                case PickleOpcode.SetItems:
                    SetItems();
                    break;
                case PickleOpcode.BinPut:
                    Put(ReadByte());
                    break;
                case PickleOpcode.LongBinPut:
                    Put(BinaryPrimitives.ReadUInt32LittleEndian(Read(4)));
                    break;
                case PickleOpcode.BinGet:
                    Get(ReadByte());
                    break;
                case PickleOpcode.LongBinGet:
                    Get(BinaryPrimitives.ReadUInt32LittleEndian(Read(4)));
                    break;
                case PickleOpcode.Global:
                    Push(ReadGlobal());
                    break;
                case PickleOpcode.BinPersId:
                    Push(PersistentLoad(Pop()));
                    break;
                case PickleOpcode.Reduce:
                    var arguments = Pop();
                    Push(Reduce(Pop(), arguments));
                    break;
                case PickleOpcode.NewObj:
                    var newArguments = Pop();
                    Push(NewObject(Pop(), newArguments));
                    break;
                case PickleOpcode.Build:
                    var state = Pop();
                    Build(Peek(), state);
                    break;
                default:
                    throw Fail($"opcode {PickleOpcodeNames.Of(code)} is refused: a state dict written by torch.save never needs it.");
            }
        }
    }

    private object? Finish()
    {
        var result = Pop();
        if (_stack.Count > 0 || _marks.Count > 0)
        {
            throw Fail(string.Create(CultureInfo.InvariantCulture,
                $"STOP leaves {_stack.Count} values and {_marks.Count} marks behind: the pickle is malformed."));
        }
        if (_position != _pickle.Length)
        {
            throw Fail(string.Create(CultureInfo.InvariantCulture,
                $"{_pickle.Length - _position} bytes follow STOP: the pickle is malformed."));
        }
        return result;
    }

    private void CheckRoom()
    {
        if (_stack.Count + _marks.Count >= _limits.MaxPickleStack)
        {
            throw Fail(string.Create(CultureInfo.InvariantCulture,
                $"more than {_limits.MaxPickleStack} values and marks on the stack (the limit)."));
        }
    }

    private void Push(object? value)
    {
        CheckRoom();
        _stack.Add(value);
    }

    private int Floor => _marks.Count == 0 ? 0 : _marks[^1];

    private object? Pop()
    {
        if (_stack.Count <= Floor)
        {
            throw Fail("pops a value from an empty stack (or past a MARK): the pickle is malformed.");
        }
        var value = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        return value;
    }

    private object? Peek()
    {
        if (_stack.Count <= Floor)
        {
            throw Fail("needs a value on an empty stack (or past a MARK): the pickle is malformed.");
        }
        return _stack[^1];
    }

    private object?[] PopMany(int count)
    {
        if (_stack.Count - Floor < count)
        {
            throw Fail(string.Create(CultureInfo.InvariantCulture,
                $"needs {count} values, the stack holds {_stack.Count - Floor} above the last MARK: the pickle is malformed."));
        }
        var items = _stack.GetRange(_stack.Count - count, count).ToArray();
        _stack.RemoveRange(_stack.Count - count, count);
        return items;
    }

    private object?[] PopToMark()
    {
        if (_marks.Count == 0)
        {
            throw Fail("needs a MARK and there is none: the pickle is malformed.");
        }
        int mark = _marks[^1];
        _marks.RemoveAt(_marks.Count - 1);
        var items = _stack.GetRange(mark, _stack.Count - mark).ToArray();
        _stack.RemoveRange(mark, _stack.Count - mark);
        return items;
    }

    private PickleList PeekList() => Peek() as PickleList
        ?? throw Fail($"appends to {PickleDescription.Of(Peek())}, not a list.");

    private PickleDict PeekDict() => Peek() as PickleDict
        ?? throw Fail($"sets an item of {PickleDescription.Of(Peek())}, not a dict.");

    private void SetItems()
    {
        var items = PopToMark();
        if (items.Length % 2 != 0)
        {
            throw Fail(string.Create(CultureInfo.InvariantCulture, $"SETITEMS with {items.Length} values, not key-value pairs."));
        }
        var dict = PeekDict();
        for (int i = 0; i < items.Length; i += 2)
        {
            SetItem(dict, items[i], items[i + 1]);
        }
    }

    private void SetItem(PickleDict dict, object? key, object? value)
    {
        if (!dict.TrySet(key, value))
        {
            throw Fail($"a dict key is {PickleDescription.Of(key)}; state dict keys are str or int.");
        }
    }

    private void Put(uint slot)
    {
        if (!_memo.ContainsKey(slot) && _memo.Count >= _limits.MaxPickleMemo)
        {
            throw Fail(string.Create(CultureInfo.InvariantCulture, $"fills more than {_limits.MaxPickleMemo} memo slots (the limit)."));
        }
        _memo[slot] = Peek();
    }

    private void Get(uint slot)
    {
        if (!_memo.TryGetValue(slot, out var value))
        {
            throw Fail(string.Create(CultureInfo.InvariantCulture, $"reads memo slot {slot}, which was never filled."));
        }
        Push(value);
    }

    private PickleGlobal ReadGlobal()
    {
        string module = ReadLine();
        string name = ReadLine();
        return PickleGlobal.Find(module, name)
            ?? throw Fail($"refers to the global {module}.{name}, which a state dict never needs; only collections.OrderedDict, "
                + "torch._utils._rebuild_tensor_v2, the torch storage types and argparse.Namespace are read.");
    }

    private StorageReference PersistentLoad(object? id)
    {
        if (id is not PickleTuple { Items: ["storage", PickleGlobal { Kind: PickleGlobalKind.StorageType } type, string key, string, long numel] })
        {
            throw Fail($"a persistent id is {PickleDescription.Of(id)}; torch.save writes ('storage', torch.<Type>Storage, key, location, numel).");
        }
        var storageType = type.StorageType;
        if (numel < 0 || numel > long.MaxValue / storageType.ElementSize())
        {
            throw Fail(string.Create(CultureInfo.InvariantCulture, $"storage '{key}' claims {numel} elements."));
        }
        if (_storages.TryGetValue(key, out var known))
        {
            if (known.Type != storageType || known.Numel != numel)
            {
                throw Fail(string.Create(CultureInfo.InvariantCulture,
                    $"storage '{key}' is named as {known.Numel} {known.Type.DTypeName()} elements and as {numel} {storageType.DTypeName()} elements."));
            }
            return known;
        }
        if (_storages.Count >= _limits.MaxEntries)
        {
            throw Fail(string.Create(CultureInfo.InvariantCulture, $"names more than {_limits.MaxEntries} storages (the entry limit)."));
        }
        var storage = new StorageReference(key, storageType, numel);
        _storages[key] = storage;
        return storage;
    }

    private object Reduce(object? callable, object? arguments)
    {
        if (callable is not PickleGlobal global || arguments is not PickleTuple tuple)
        {
            throw Fail($"REDUCE calls {PickleDescription.Of(callable)} with {PickleDescription.Of(arguments)}; only the globals "
                + "collections.OrderedDict and torch._utils._rebuild_tensor_v2 are called, with a tuple.");
        }
        return global.Kind switch
        {
            PickleGlobalKind.OrderedDict when tuple.Items.Length == 0 => new PickleDict(isOrderedDict: true),
            PickleGlobalKind.RebuildTensor => RebuildTensor(tuple.Items),
            _ => throw Fail($"REDUCE calls {global.FullName} with {PickleDescription.Of(tuple)}; a state dict calls only "
                + "collections.OrderedDict() and torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks)."),
        };
    }

    private TensorReference RebuildTensor(object?[] arguments)
    {
        if (arguments is not [StorageReference storage, long offset, PickleTuple size, PickleTuple stride, bool, PickleDict { Count: 0 }])
        {
            throw Fail($"_rebuild_tensor_v2 gets ({string.Join(", ", arguments.Select(PickleDescription.Of))}); torch.save passes "
                + "(storage, offset, size, stride, requires_grad, an empty OrderedDict of hooks).");
        }
        if (size.Items.Length > MaxTensorRank || size.Items.Length != stride.Items.Length)
        {
            throw Fail(string.Create(CultureInfo.InvariantCulture,
                $"a tensor of {size.Items.Length} dimensions with {stride.Items.Length} strides (at most {MaxTensorRank} dimensions, one stride each)."));
        }
        if (offset < 0)
        {
            throw Fail(string.Create(CultureInfo.InvariantCulture, $"a tensor at storage offset {offset}."));
        }
        var shape = new int[size.Items.Length];
        var strides = new long[size.Items.Length];
        for (int k = 0; k < shape.Length; k++)
        {
            if (size.Items[k] is not long extent || extent < 0 || extent > int.MaxValue
                || stride.Items[k] is not long step || step < 0)
            {
                throw Fail($"a tensor of size ({string.Join(", ", size.Items.Select(PickleDescription.Of))}) and stride "
                    + $"({string.Join(", ", stride.Items.Select(PickleDescription.Of))}): sizes are ints up to 2^31 - 1, strides ints of at least 0.");
            }
            shape[k] = (int)extent;
            strides[k] = step;
        }
        long numel = shape.Contains(0) ? 0 : 1;
        foreach (int extent in shape)
        {
            // Each factor is below 2^31 and the product so far at most Array.MaxLength, so this cannot overflow.
            numel *= extent;
            if (numel > Array.MaxLength)
            {
                throw Fail($"a tensor of shape {ShapeText.Of(shape)} has more elements than one array holds.");
            }
        }
        return new TensorReference(storage, offset, shape, strides, numel);
    }

    private PickleNamespace NewObject(object? type, object? arguments)
    {
        if (type is PickleGlobal { Kind: PickleGlobalKind.Namespace } && arguments is PickleTuple { Items.Length: 0 })
        {
            return new PickleNamespace();
        }
        throw Fail($"NEWOBJ makes {PickleDescription.Of(type)} from {PickleDescription.Of(arguments)}; only argparse.Namespace() is made.");
    }

    private void Build(object? target, object? state)
    {
        switch (target)
        {
            // state_dict() returns an OrderedDict carrying the modules' versions as its _metadata attribute; the
            // weights never depend on it.
            case PickleDict { IsOrderedDict: true } when state is PickleDict:
                return;
            case PickleNamespace { Attributes: null } arguments when state is PickleDict attributes:
                arguments.Attributes = attributes;
                return;
            default:
                throw Fail($"BUILD sets the state of {PickleDescription.Of(target)} to {PickleDescription.Of(state)}; only an "
                    + "OrderedDict's attributes and an argparse.Namespace's are set, each from a dict.");
        }
    }

    private long ReadLong1()
    {
        int length = ReadByte();
        var bytes = Read(length);
        if (length > sizeof(long))
        {
            throw Fail(string.Create(CultureInfo.InvariantCulture, $"an int of {length} bytes, beyond 64 bits."));
        }
        long value = 0;
        for (int i = length - 1; i >= 0; i--)
        {
            value = (value << 8) | bytes[i];
        }
        int unused = 64 - 8 * length;
        return length == 0 ? 0 : (value << unused) >> unused;
    }

    private string ReadString()
    {
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(Read(4));
        if (length > _pickle.Length - _position)
        {
            throw Fail(string.Create(CultureInfo.InvariantCulture,
                $"a str of {length} bytes, but only {_pickle.Length - _position} bytes remain."));
        }
        return Decode(Read((int)length));
    }

    private string ReadLine()
    {
        int end = Array.IndexOf(_pickle, (byte)'\n', _position, Math.Min(MaxGlobalLineBytes, _pickle.Length - _position));
        if (end < 0)
        {
            throw Fail(string.Create(CultureInfo.InvariantCulture,
                $"GLOBAL without a newline within {MaxGlobalLineBytes} bytes."));
        }
        string line = Decode(_pickle.AsSpan(_position, end - _position));
        _position = end + 1;
        return line;
    }

    private string Decode(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new CheckpointFormatException(_source, $"{_entry} byte {_opcodeOffset}: a str that is not UTF-8.", e, _opcodeOffset);
        }
    }

    private byte ReadByte() => Read(1)[0];

    private ReadOnlySpan<byte> Read(int count)
    {
        if (count > _pickle.Length - _position)
        {
            throw Fail(_position == _opcodeOffset
                ? "ends without STOP: the pickle is truncated."
                : $"ends inside {PickleOpcodeNames.Of(_pickle[_opcodeOffset])}: the pickle is truncated.");
        }
        var span = _pickle.AsSpan(_position, count);
        _position += count;
        return span;
    }

    private CheckpointFormatException Fail(string message) =>
        new(_source, $"{_entry} byte {_opcodeOffset}: {message}", pickleOffset: _opcodeOffset);
}
