namespace Coopdir.Core.Organizations;

/// <summary>An organization as stored: its content plus what the directory keeps about it.</summary>
public sealed record Organization(
    long Id,
    string Slug,
    OrganizationContent Content,
    SourceInfo? Source,
    IReadOnlyList<NetworkMember> Members,
    IReadOnlyList<NetworkLink> Networks,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Revision);

/// <summary>A network this organization belongs to, with the network's name for display.</summary>
public sealed record NetworkLink(long NetworkId, string NetworkName, string? Role, string? StartDate, string? EndDate);

/// <summary>A member of this organization (when it is a network).</summary>
public sealed record NetworkMember(long MemberId, string MemberName, string? Role, string? StartDate, string? EndDate);
