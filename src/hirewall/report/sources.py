"""Public sources that indicators cite, by the tags of indicators.md §1."""

from __future__ import annotations

SOURCES: dict[str, str] = {
    "G1": "US State, Treasury and FBI, Guidance on the DPRK Information Technology Workers, 2022-05-16",
    "G2": "Republic of Korea inter-agency advisory on DPRK IT workers, 2022-12-08",
    "G3": "US–ROK joint PSA, Additional Guidance on the DPRK IT Workers (PSA231018), 2023-10-18",
    "G4": "US DoJ, court-authorized action against DPRK IT worker revenue generation, 2023-10-18",
    "G5": "FBI PSA240516, North Korea Leverages U.S.-Based Individuals to Defraud U.S. Businesses",
    "G6": "FBI Counterintelligence Bulletin, July 2024",
    "G7": "UK OFSI advisory on DPRK IT workers, 2024-09-12",
    "G8": "US DoJ indictment of 14 DPRK nationals (E.D. Mo. 4:24-cr-00648), 2024-12-12",
    "G9": "OFAC press release jy2790, 2025-01-16",
    "G10": "FBI PSA I-012325-PSA, North Korean IT Workers Conducting Data Extortion, 2025-01-23",
    "G11": "US DoJ, coordinated nationwide actions (DPRK RevGen: Domestic Enabler Initiative), 2025-06-30",
    "G12": "FBI PSA250723-4, 2025-07-23",
    "G13": "Japan NPA, MOFA, MOF and METI advisory, 2024-03-26 (updated 2025-08-27)",
    "G14": "Australia DFAT Sanctions Office advisory on DPRK IT workers",
    "G15": "FBI PSA on deepfakes and stolen PII in remote-job applications, 2022-06-28",
    "G16": "Multilateral Sanctions Monitoring Team report on DPRK cyber and IT worker activities, 2025-10-22",
    "M1": "Mandiant / Google Cloud, Staying a Step Ahead: Mitigating the DPRK IT Worker Threat, 2024-09-23",
    "M2": "Google GTIG, DPRK IT Workers Expanding in Scope and Scale, 2025-04-02",
    "M3": "Mandiant Defender's Advantage podcast, Responding to a DPRK ITW Incident, 2025-05-19",
    "C1": "CrowdStrike Threat Hunting Reports 2024 and 2025 (FAMOUS CHOLLIMA)",
    "MS1": "Microsoft, Jasper Sleet: North Korean remote IT workers' evolving tactics, 2025-06-30",
    "MS2": "Microsoft, Detection strategies across cloud and identities against infiltrating IT workers",
    "U1": "Palo Alto Unit 42, Hacking Employers and Seeking Employment, 2023-11",
    "U2": "Palo Alto Unit 42, Global Companies Are Unknowingly Paying North Koreans, 2024-11-13",
    "U3": "Palo Alto Unit 42, Fake North Korean IT Worker Activity Cluster (CL-STA-0237), 2024-10",
    "SW1": "Secureworks CTU, Fraudulent North Korean IT Worker Scheme Tied to Data Extortion, 2024-10",
    "SW2": "Sophos X-Ops / CTU, NICKEL TAPESTRY expands fraudulent worker operations, 2025",
    "OK1": "Okta Threat Intelligence, North Korea's IT Workers expand beyond US big tech, 2025-09-30",
    "OK2": "Okta, Enhancing security: Identity proofing for new hires, 2025-07",
    "S1": "SentinelLabs, DPRK IT Workers: A Network of Active Front Companies, 2024-11-21",
    "K1": "KnowBe4, How a North Korean Fake IT Worker Tried to Infiltrate Us, 2024-07-23",
    "N1": "Nisos, DPRK Remote Workers Hiring Scheme: Lessons Learned, 2024",
    "D1": "DTEX i3 Threat Advisory, Inside the DPRK: Spotting Malicious Remote IT Applicants, 2024-10-15",
    "D2": "DTEX, Exposing DPRK's Cyber Syndicate and Hidden IT Workforce, 2025-05",
    "SP1": "SpyCloud, How We Identified Fake North Korean IT Workers Using Identity Matching",
    "LB1": "LevelBlue SpiderLabs, detection of a North Korea-linked remote IT worker, 2026-03-17",
    "RC1": "Red Canary, 2025 Threat Detection Report",
    "TC1": "Team Cymru, Uncovering DPRK Remote Workers, 2025-07",
    "SEAL": "Security Alliance Frameworks, DPRK IT Workers chapter",
    "KET": "Ketman Project, identifying suspicious GitHub accounts",
    "HY1": "HYPR, HYPR unmasks fake IT worker, 2024-10",
}


def describe(tag: str) -> str:
    """The citation for a source tag, or the tag itself when it is not in the table."""
    return SOURCES.get(tag, tag)
