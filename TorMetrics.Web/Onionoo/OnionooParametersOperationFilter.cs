using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using TorMetrics.Domain.Onionoo.Query;

namespace TorMetrics.Web.Onionoo;

/// <summary>
/// Documents the Onionoo query parameters in Swagger. The endpoints parse the raw query string themselves (keys are
/// case-sensitive and '+' is literal, unlike ASP.NET binding), so the parameters are described here instead.
/// </summary>
public sealed class OnionooParametersOperationFilter : IOperationFilter
{
    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["type"] = "relay or bridge (case-insensitive): only that kind.",
        ["running"] = "true or false: only nodes that are (not) running in the newest status.",
        ["search"] = "Space-separated terms (encode spaces as %20), all of which must match: nickname substring, " +
                     "(hashed) fingerprint prefix with or without $, base64 fingerprint prefix, one 4-character fingerprint block, " +
                     "IPv4 or IPv6 address prefix, or key:value for any other filter parameter (e.g. flag:Exit).",
        ["lookup"] = "Comma-separated 40-character fingerprints or hashed fingerprints (bridges: hashed or double-hashed).",
        ["country"] = "Two-letter country code of the relay's primary address; xz for relays without one. Relays only.",
        ["as"] = "Comma-separated AS numbers, with or without the AS prefix; AS0 for relays without one. Relays only.",
        ["as_name"] = "Words (%20-separated) that the AS name must all contain, case-insensitive. Relays only.",
        ["flag"] = "A flag the node has, case-insensitive (e.g. Guard).",
        ["first_seen_days"] = "Days since first seen: x, x-y, x- or -y.",
        ["first_seen_since"] = "YYYY-MM-DD: first seen on or after that UTC day.",
        ["last_seen_days"] = "Days since last seen: x, x-y, x- or -y.",
        ["last_seen_since"] = "YYYY-MM-DD: last seen on or after that UTC day.",
        ["contact"] = "Words (%20-separated) that the contact line must all contain, case-insensitive.",
        ["family"] = "A relay fingerprint: that relay and its effective family. Relays only.",
        ["version"] = "Comma-separated tor versions or ranges (0.4.8, 0.4.7..0.4.8.9, ..0.4.7): nodes running a matching version.",
        ["os"] = "Start of the operating system in the platform line, case-insensitive (e.g. linux).",
        ["host_name"] = "End of a verified or unverified host name of the relay (e.g. .edu). Relays only.",
        ["recommended_version"] = "true or false: whether the node's version is recommended by the newest consensus.",
        ["overload_status"] = "true or false: whether the newest server descriptor reported overload.",
        ["transport"] = "Start of a pluggable transport name the bridge offers (e.g. obfs4). Bridges only.",
        ["order"] = "Comma-separated consensus_weight and/or first_seen, each optionally prefixed by - for descending.",
        ["offset"] = "Skip this many results (relays first, then bridges), after ordering.",
        ["limit"] = "Return at most this many results (relays first, then bridges), after offset.",
        ["fields"] = "Comma-separated details fields to keep (details only).",
        [OnionooQueryParser.AsOfParameter] = "YYYY-MM-DD (TorMetrics extension): answer as of the end of that UTC day, from the archive.",
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.Tags?.Any(t => t.Name == OnionooEndpoints.Tag) != true)
        {
            return;
        }

        operation.Parameters ??= [];
        foreach (var name in OnionooQueryParser.KnownParameters)
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Query,
                Required = false,
                Description = Descriptions[name],
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
    }
}
