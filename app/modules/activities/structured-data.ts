// Client-safe: an activity's page carries its dates as schema.org Events (JSON-LD), so search
// engines and assistants can show "what is on near me" with the right time, place and price.

interface Input {
  activity: { title: string; description: string | null; location: string | null; price_cents: number; signup_required: boolean };
  dates: { starts: string | Date; ends: string | Date; cancelled: boolean; move_reason: string | null; capacity: number; places_taken: number }[];
  neighbourhood: string;
  url: string;
}

/** The JSON-LD text for a script tag; "<" is escaped so no text typed in a form can end the tag. */
export function activityEvents({ activity, dates, neighbourhood, url }: Input): string {
  const events = dates.map((date) => ({
    "@context": "https://schema.org",
    "@type": "Event",
    name: activity.title,
    ...(activity.description ? { description: activity.description } : {}),
    startDate: new Date(date.starts).toISOString(),
    endDate: new Date(date.ends).toISOString(),
    eventStatus: `https://schema.org/${date.cancelled ? "EventCancelled" : date.move_reason ? "EventRescheduled" : "EventScheduled"}`,
    eventAttendanceMode: "https://schema.org/OfflineEventAttendanceMode",
    location: { "@type": "Place", name: activity.location ?? neighbourhood, address: activity.location ?? neighbourhood },
    organizer: { "@type": "Organization", name: neighbourhood },
    isAccessibleForFree: activity.price_cents === 0,
    offers: { "@type": "Offer", price: (activity.price_cents / 100).toFixed(2), priceCurrency: "EUR", url },
    ...(activity.signup_required ? { maximumAttendeeCapacity: date.capacity, remainingAttendeeCapacity: Math.max(0, date.capacity - date.places_taken) } : {}),
    url,
  }));
  return JSON.stringify(events).replace(/</g, "\\u003c");
}
