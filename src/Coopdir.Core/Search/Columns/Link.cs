using System.Runtime.InteropServices;
using Coopdir.Core.Relationships;

namespace Coopdir.Core.Search.Columns;

/// <summary>
/// One relationship as the columns hold it, from one of its ends: the organization at the other end,
/// the type (an id of <see cref="SearchColumns.LinkTypes"/>) and the status. Packed into 6 bytes:
/// a million organizations may hold five million of them, each held from both ends.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
internal readonly struct Link(int other, byte type, RelationshipStatusCode status)
{
    private readonly byte status = (byte)status;

    public int Other { get; } = other;
    public byte Type { get; } = type;
    public RelationshipStatusCode Status => (RelationshipStatusCode)status;

    /// <summary>Whether it holds now, as <see cref="RelationshipView.IsCurrent"/> says.</summary>
    public bool IsCurrent => Status is not (RelationshipStatusCode.Ended or RelationshipStatusCode.Disputed);

    /// <summary>Whether its type is in a mask of type ids (<see cref="SearchColumns.LinkTypeMask"/>).</summary>
    public bool IsOf(ulong types) => (types & (1UL << Type)) != 0;
}

/// <summary>One relationship as the loader reads it, before its type is interned.</summary>
internal sealed record LinkColumnRow(long SubjectId, long ObjectId, string Type, RelationshipStatusCode Status);
