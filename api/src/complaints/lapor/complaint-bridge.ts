/** What SP4N-LAPOR! receives of a complaint (no NIK: LAPOR! keeps the reporter's identity itself). */
export interface ComplaintForLapor {
  /** Our complaint code, sent as the report's reference. */
  reference: string;
  title: string;
  content: string;
  opdName: string;
  complainantName: string;
  complainantPhone: string | null;
  complainantEmail: string | null;
}

export interface LaporReceipt {
  trackingId: string;
  status: string;
}

/**
 * The port to SP4N-LAPOR! (KepmenPAN-RB 680/2020: the national complaint system). Forward a
 * complaint, then mirror its status there. Off unless LAPOR_URL and LAPOR_TOKEN are set.
 */
export interface ComplaintBridge {
  readonly enabled: boolean;
  forward(c: ComplaintForLapor): Promise<LaporReceipt>;
  status(trackingId: string): Promise<string>;
}

export const COMPLAINT_BRIDGE = Symbol('COMPLAINT_BRIDGE');

/** The bridge when LAPOR! is not configured: nothing is forwarded. */
export class DisabledComplaintBridge implements ComplaintBridge {
  readonly enabled = false;

  forward(): Promise<LaporReceipt> {
    return Promise.reject(new Error('SP4N-LAPOR! is not configured (LAPOR_URL)'));
  }

  status(): Promise<string> {
    return Promise.reject(new Error('SP4N-LAPOR! is not configured (LAPOR_URL)'));
  }
}
